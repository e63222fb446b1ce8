/*
 * pod4j's Service data path inside the pod network: one static program, two roles.
 *
 *   netd dns TABLE [ADDR:PORT]   cluster DNS (default 0.0.0.0:53, UDP)
 *   netd proxy TABLE [ADDR]      a Service's user-space proxy (default 0.0.0.0)
 *
 * The engine computes TABLE (a text file, one record a line) and copies it into the container
 * through the Docker API; both roles re-read it when the file changes, so no signal or network
 * path from the engine is needed. Lines:
 *
 *   zone cluster.local           names under it are answered here, unknown ones NXDOMAIN
 *   up 10.0.0.53                 an upstream nameserver for every other name (first answers);
 *                                without any, the container's own /etc/resolv.conf's, which the
 *                                engine wrote as for any container (the node's DNS)
 *   a web.default.svc.cluster.local 172.17.0.5     an A record (repeated for several)
 *   port 80                      (proxy) a TCP port to listen on
 *   ep 80 172.17.0.3 8080        (proxy) an endpoint of that port, in the order to spread over
 *   end                          the table is complete (a table read half-written is ignored)
 *
 * Built static so it needs nothing from an image (scripts/build-pause builds it; the binary is
 * committed). The JVM holds every decision; this program only answers and splices.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_RECORDS 4096
#define MAX_UP 3
#define MAX_PORTS 64
#define MAX_NAME 256
#define TTL 5

struct record { char name[MAX_NAME]; struct in_addr ip; };
struct endpoint { int port; struct in_addr ip; int target; };

struct table {
    char zone[MAX_NAME];
    struct record records[MAX_RECORDS];
    int nrecords;
    struct in_addr up[MAX_UP];
    int nup;
    int ports[MAX_PORTS];
    int nports;
    struct endpoint endpoints[MAX_RECORDS];
    int nendpoints;
};

static const char *table_path;
static struct stat table_stat;
static struct table tables[2];
static struct table *cur = &tables[0];
static struct in_addr sys_up[MAX_UP];
static int nsys_up;

static void on_term(int sig) {
    (void)sig;
    _exit(0);
}

static void lower(char *s) {
    for (; *s; s++) {
        if (*s >= 'A' && *s <= 'Z') *s += 'a' - 'A';
    }
}

static int same_file(const struct stat *a, const struct stat *b) {
    return a->st_ino == b->st_ino && a->st_size == b->st_size && a->st_ctim.tv_sec == b->st_ctim.tv_sec
        && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec && a->st_mtim.tv_sec == b->st_mtim.tv_sec
        && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/*
 * Re-reads the table when the file changed (a copy through the Docker API replaces it: new ctime).
 * A table counts only when complete (its last line is "end"), so one read while the engine's copy
 * is being written keeps the previous table and the next request tries again.
 */
static void reload(void) {
    struct stat st;
    if (stat(table_path, &st) != 0 || same_file(&st, &table_stat)) return;
    FILE *f = fopen(table_path, "r");
    if (!f) return;
    struct table *t = cur == &tables[0] ? &tables[1] : &tables[0];
    memset(t, 0, sizeof *t);
    snprintf(t->zone, sizeof t->zone, "cluster.local");
    char line[512], a[MAX_NAME], b[64], c[64];
    int complete = 0;
    while (fgets(line, sizeof line, f)) {
        complete = 0;
        if (sscanf(line, "a %255s %63s", a, b) == 2 && t->nrecords < MAX_RECORDS) {
            lower(a);
            snprintf(t->records[t->nrecords].name, MAX_NAME, "%s", a);
            if (inet_pton(AF_INET, b, &t->records[t->nrecords].ip) == 1) t->nrecords++;
        } else if (sscanf(line, "up %63s", b) == 1 && t->nup < MAX_UP) {
            if (inet_pton(AF_INET, b, &t->up[t->nup]) == 1) t->nup++;
        } else if (sscanf(line, "zone %255s", a) == 1) {
            lower(a);
            snprintf(t->zone, sizeof t->zone, "%s", a);
        } else if (sscanf(line, "port %63s", b) == 1 && t->nports < MAX_PORTS) {
            t->ports[t->nports++] = atoi(b);
        } else if (sscanf(line, "ep %63s %63s %63s", a, b, c) == 3 && t->nendpoints < MAX_RECORDS) {
            t->endpoints[t->nendpoints].port = atoi(a);
            t->endpoints[t->nendpoints].target = atoi(c);
            if (inet_pton(AF_INET, b, &t->endpoints[t->nendpoints].ip) == 1) t->nendpoints++;
        } else if (strncmp(line, "end", 3) == 0) {
            complete = 1;
        }
    }
    fclose(f);
    if (complete) {
        cur = t;
        table_stat = st;
    }
}

/* ------------------------------------------------------------------ DNS */

struct pending { struct sockaddr_in client; unsigned short id; int used; };
static struct pending pendings[1024];
static unsigned short next_slot;

/* Reads the question's name as dotted lower case; returns the offset after QTYPE/QCLASS, or -1. */
static int question(const unsigned char *m, int len, char *name, int *qtype) {
    int i = 12, n = 0;
    while (i < len && m[i] != 0) {
        int l = m[i];
        if (l > 63 || i + 1 + l > len || n + l + 2 > MAX_NAME) return -1;
        if (n > 0) name[n++] = '.';
        memcpy(name + n, m + i + 1, l);
        n += l;
        i += 1 + l;
    }
    if (i + 5 > len) return -1;
    name[n] = 0;
    lower(name);
    *qtype = (m[i + 1] << 8) | m[i + 2];
    return i + 5;
}

static int in_zone(const char *name) {
    size_t n = strlen(name), z = strlen(cur->zone);
    return n == z ? strcmp(name, cur->zone) == 0 : n > z && name[n - z - 1] == '.' && strcmp(name + n - z, cur->zone) == 0;
}

/* Answers from the table: A records, NXDOMAIN for unknown names in the zone; -1 when not ours. */
static int answer(const unsigned char *q, int qlen, unsigned char *r, int cap) {
    char name[MAX_NAME];
    int qtype;
    if (qlen < 12 || (q[2] & 0x80) || ((q[4] << 8) | q[5]) != 1) return -1;
    int end = question(q, qlen, name, &qtype);
    if (end < 0) return -1;
    int known = 0;
    for (int i = 0; i < cur->nrecords; i++) known += strcmp(cur->records[i].name, name) == 0;
    if (!known && !in_zone(name)) return -1;
    memcpy(r, q, end);
    r[2] = 0x84 | (q[2] & 0x79);       /* QR, AA, opcode and RD as asked */
    r[3] = 0x80 | (known ? 0 : 3);     /* RA; NOERROR or NXDOMAIN */
    r[6] = r[7] = r[8] = r[9] = r[10] = r[11] = 0;
    int n = end, count = 0;
    if (known && (qtype == 1 || qtype == 255)) {
        for (int i = 0; i < cur->nrecords && n + 16 <= cap && n + 16 <= 512; i++) {
            if (strcmp(cur->records[i].name, name) != 0) continue;
            unsigned char rr[16] = {0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, TTL, 0, 4};
            memcpy(rr + 12, &cur->records[i].ip, 4);
            memcpy(r + n, rr, 16);
            n += 16;
            count++;
        }
    }
    r[6] = count >> 8;
    r[7] = count & 0xff;
    return n;
}

/* The nameservers Docker or Podman gave this container: the node's, as a pod with dnsPolicy Default gets. */
static void system_upstreams(void) {
    FILE *f = fopen("/etc/resolv.conf", "r");
    if (!f) return;
    char line[256], ip[64];
    while (fgets(line, sizeof line, f) && nsys_up < MAX_UP) {
        if (sscanf(line, "nameserver %63s", ip) == 1 && inet_pton(AF_INET, ip, &sys_up[nsys_up]) == 1) nsys_up++;
    }
    fclose(f);
}

static int serve_dns(const char *bind_to) {
    system_upstreams();
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(53)};
    char host[64];
    snprintf(host, sizeof host, "%s", bind_to ? bind_to : "0.0.0.0:53");
    char *colon = strchr(host, ':');
    if (colon) {
        *colon = 0;
        addr.sin_port = htons(atoi(colon + 1));
    }
    inet_pton(AF_INET, host, &addr.sin_addr);
    int s = socket(AF_INET, SOCK_DGRAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0 || u < 0 || bind(s, (struct sockaddr *)&addr, sizeof addr) != 0) {
        perror("netd dns: bind");
        return 1;
    }
    unsigned char m[4096], r[4096];
    struct pollfd fds[2] = {{.fd = s, .events = POLLIN}, {.fd = u, .events = POLLIN}};
    for (;;) {
        if (poll(fds, 2, -1) < 0) continue;
        if (fds[0].revents & POLLIN) {
            struct sockaddr_in from;
            socklen_t fl = sizeof from;
            int len = recvfrom(s, m, sizeof m, 0, (struct sockaddr *)&from, &fl);
            if (len >= 12) {
                reload();
                int n = answer(m, len, r, sizeof r);
                if (n > 0) {
                    sendto(s, r, n, 0, (struct sockaddr *)&from, fl);
                } else if (cur->nup > 0 || nsys_up > 0) {
                    /* Forwarded under an id of our own; the slot remembers who asked. */
                    unsigned short slot = next_slot++ % 1024;
                    pendings[slot] = (struct pending){from, (unsigned short)((m[0] << 8) | m[1]), 1};
                    m[0] = slot >> 8;
                    m[1] = slot & 0xff;
                    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(53)};
                    for (int i = 0; i < (cur->nup > 0 ? cur->nup : nsys_up); i++) {
                        to.sin_addr = cur->nup > 0 ? cur->up[i] : sys_up[i];
                        sendto(u, m, len, 0, (struct sockaddr *)&to, sizeof to);
                    }
                } else {
                    memcpy(r, m, len);
                    r[2] = 0x80 | (m[2] & 0x79);
                    r[3] = 0x82; /* SERVFAIL: nowhere to ask */
                    sendto(s, r, len, 0, (struct sockaddr *)&from, fl);
                }
            }
        }
        if (fds[1].revents & POLLIN) {
            int len = recv(u, m, sizeof m, 0);
            if (len >= 12) {
                unsigned short slot = ((m[0] << 8) | m[1]) % 1024;
                if (pendings[slot].used) {
                    pendings[slot].used = 0; /* the first upstream to answer wins */
                    m[0] = pendings[slot].id >> 8;
                    m[1] = pendings[slot].id & 0xff;
                    sendto(s, m, len, 0, (struct sockaddr *)&pendings[slot].client, sizeof pendings[slot].client);
                }
            }
        }
    }
}

/* ------------------------------------------------------------------ proxy */

static void reset(int fd) {
    struct linger l = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    close(fd);
}

/* Copies both ways until both sides are done; each half-close is passed on. */
static void splice_both(int a, int b) {
    char buf[32768];
    int open_a = 1, open_b = 1;
    while (open_a || open_b) {
        struct pollfd fds[2] = {{.fd = open_a ? a : -1, .events = POLLIN}, {.fd = open_b ? b : -1, .events = POLLIN}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        for (int i = 0; i < 2; i++) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            int from = i == 0 ? a : b, to = i == 0 ? b : a;
            ssize_t n = read(from, buf, sizeof buf);
            if (n <= 0) {
                if (n < 0 && errno != ECONNRESET) return;
                shutdown(to, SHUT_WR);
                if (i == 0) open_a = 0; else open_b = 0;
                continue;
            }
            for (ssize_t off = 0; off < n;) {
                ssize_t w = write(to, buf + off, n - off);
                if (w <= 0) return;
                off += w;
            }
        }
    }
}

/* One connection's work: its client and the endpoints to try, in order. */
struct job { int client; int n; struct endpoint endpoints[]; };

/* On the connection's thread: the first endpoint that accepts, then the splice. */
static void *relay(void *arg) {
    struct job *j = arg;
    for (int k = 0; k < j->n; k++) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(j->endpoints[k].target), .sin_addr = j->endpoints[k].ip};
        if (connect(s, (struct sockaddr *)&to, sizeof to) == 0) {
            int one = 1;
            setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            setsockopt(j->client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            splice_both(j->client, s);
            close(s);
            close(j->client);
            free(j);
            return NULL;
        }
        close(s);
    }
    reset(j->client); /* no endpoint: refused, as kube-proxy rejects a Service without endpoints */
    free(j);
    return NULL;
}

/* The port's endpoints, starting at the round-robin choice (a thread is far cheaper than a fork here). */
static void dispatch(int client, int port, unsigned start) {
    int n = 0;
    for (int i = 0; i < cur->nendpoints; i++) n += cur->endpoints[i].port == port;
    struct job *j = malloc(sizeof *j + (n > 0 ? n : 1) * sizeof(struct endpoint));
    if (!j) {
        reset(client);
        return;
    }
    j->client = client;
    j->n = n;
    int k = 0;
    for (int i = 0; i < cur->nendpoints; i++) {
        if (cur->endpoints[i].port == port) j->endpoints[k++] = cur->endpoints[i];
    }
    for (int r = 0; n > 1 && r < (int)(start % n); r++) {
        struct endpoint first = j->endpoints[0];
        memmove(j->endpoints, j->endpoints + 1, (n - 1) * sizeof(struct endpoint));
        j->endpoints[n - 1] = first;
    }
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    if (pthread_create(&t, &attr, relay, j) != 0) {
        reset(client);
        free(j);
    }
    pthread_attr_destroy(&attr);
}

static int serve_proxy(const char *bind_to) {
    reload();
    struct pollfd fds[MAX_PORTS];
    int bound[MAX_PORTS], nbound = 0;
    unsigned counter[MAX_PORTS] = {0};
    for (int i = 0; i < cur->nports; i++) {
        int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
        setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(cur->ports[i])};
        inet_pton(AF_INET, bind_to ? bind_to : "0.0.0.0", &addr.sin_addr);
        if (bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(s, 512) != 0) {
            fprintf(stderr, "netd proxy: cannot listen on port %d: %s\n", cur->ports[i], strerror(errno));
            return 1;
        }
        fds[nbound] = (struct pollfd){.fd = s, .events = POLLIN};
        bound[nbound++] = cur->ports[i];
    }
    for (;;) {
        if (poll(fds, nbound, -1) < 0) continue;
        for (int i = 0; i < nbound; i++) {
            if (!(fds[i].revents & POLLIN)) continue;
            int c = accept(fds[i].fd, NULL, NULL);
            if (c < 0) continue;
            reload();
            dispatch(c, bound[i], counter[i]++);
        }
    }
}

int main(int argc, char **argv) {
    signal(SIGTERM, on_term);
    signal(SIGINT, on_term);
    signal(SIGPIPE, SIG_IGN);
    if (argc < 3) {
        fprintf(stderr, "usage: netd dns TABLE [ADDR:PORT] | netd proxy TABLE [ADDR]\n");
        return 2;
    }
    table_path = argv[2];
    reload();
    if (strcmp(argv[1], "dns") == 0) return serve_dns(argc > 3 ? argv[3] : NULL);
    if (strcmp(argv[1], "proxy") == 0) return serve_proxy(argc > 3 ? argv[3] : NULL);
    fprintf(stderr, "netd: unknown role %s\n", argv[1]);
    return 2;
}
