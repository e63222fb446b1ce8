/*
 * The cluster DNS, as CoreDNS's kubernetes plugin answers: A, SRV, PTR and CNAME records from the
 * table, NXDOMAIN for unknown names in the zone, everything else forwarded to the upstreams.
 * UDP answers are cut at 512 bytes with the TC bit set, so resolvers retry over TCP, which is
 * served too (one thread a connection: resolvers use it only after a truncated answer).
 * Forwarded queries go out under a random id, and a reply counts only from an upstream that was
 * asked, with that id and the same question: anything else on the pod network is ignored.
 */
#define _GNU_SOURCE
#include "dnsmsg.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define UDP_LIMIT 512
#define TCP_LIMIT 65535
#define PENDING 1024
#define PENDING_SECONDS 5

static struct sockaddr_in sys_up[MAX_UP];
static int nsys_up;

/* ------------------------------------------------------------------ answers from the table */

static int in_zone(const struct table *t, const char *name) {
    size_t n = strlen(name), z = strlen(t->zone);
    return n == z ? strcmp(name, t->zone) == 0 : n > z && name[n - z - 1] == '.' && strcmp(name + n - z, t->zone) == 0;
}

static int count(const struct table *t, enum kind kind, const char *name) {
    int c = 0;
    for (int i = 0; i < t->nrecords; i++) c += t->records[i].kind == kind && strcmp(t->records[i].name, name) == 0;
    return c;
}

static void add_records(const struct table *t, struct msg *m, const char *name, int qtype, const char *owner) {
    int srvs = count(t, REC_SRV, name);
    for (int i = 0; i < t->nrecords; i++) {
        const struct record *r = &t->records[i];
        if (strcmp(r->name, name) != 0) continue;
        if (r->kind == REC_A && (qtype == T_A || qtype == T_ANY)) {
            add_a(m, owner, r->ip, 0);
        } else if (r->kind == REC_PTR && (qtype == T_PTR || qtype == T_ANY)) {
            add_name_rr(m, owner, T_PTR, r->target);
        } else if (r->kind == REC_SRV && (qtype == T_SRV || qtype == T_ANY)) {
            /* As CoreDNS: priority 0, the weight shared out over the name's records. */
            unsigned char rdata[6 + MAX_NAME];
            int weight = 100 / srvs, l = encode_name(r->target, rdata + 6);
            if (l < 0) continue;
            rdata[0] = rdata[1] = 0;
            rdata[2] = weight >> 8;
            rdata[3] = weight & 0xff;
            rdata[4] = r->port >> 8;
            rdata[5] = r->port & 0xff;
            add_rr(m, owner, T_SRV, rdata, 6 + l, 0);
        }
    }
    if (qtype == T_SRV || qtype == T_ANY) { /* the targets' addresses, as additional records */
        for (int i = 0; i < t->nrecords; i++) {
            const struct record *r = &t->records[i];
            if (r->kind != REC_SRV || strcmp(r->name, name) != 0) continue;
            for (int k = 0; k < t->nrecords; k++) {
                if (t->records[k].kind == REC_A && strcmp(t->records[k].name, r->target) == 0) {
                    add_a(m, r->target, t->records[k].ip, 1);
                }
            }
        }
    }
}

/*
 * The answer to a query from the table, into r (at most cap bytes). Returns its length; 0 when the
 * query is not ours (forward it; *chase set when it is an ExternalName's CNAME whose target the
 * upstreams must resolve); -1 to drop it (a response, not a query).
 */
static int answer(const struct table *t, const unsigned char *q, int qlen, unsigned char *r, int cap, char *chase) {
    char name[MAX_NAME];
    int qtype;
    chase[0] = 0;
    if (qlen < 12 || (q[2] & 0x80)) return -1;
    if (((q[2] >> 3) & 0x0f) != 0) return refuse(q, r, 4);                 /* NOTIMP: only QUERY */
    if (((q[4] << 8) | q[5]) != 1) return refuse(q, r, 1);                 /* FORMERR */
    int end = question(q, qlen, name, &qtype);
    if (end < 0) return refuse(q, r, 1);
    struct msg m = {r, 0, cap, 0, 0, 0};
    for (int i = 0; i < t->nrecords; i++) {
        const struct record *c = &t->records[i];
        if (c->kind != REC_CNAME || strcmp(c->name, name) != 0) continue;
        begin(&m, q, end, 1, 0);
        add_name_rr(&m, NULL, T_CNAME, c->target);
        if (qtype != T_CNAME && count(t, REC_A, c->target) + count(t, REC_CNAME, c->target) == 0 && !in_zone(t, c->target)) {
            snprintf(chase, MAX_NAME, "%s", c->target);
            return 0;
        }
        if (qtype != T_CNAME) add_records(t, &m, c->target, qtype, c->target);
        return finish(&m);
    }
    int known = 0;
    for (int i = 0; i < t->nrecords && !known; i++) known = strcmp(t->records[i].name, name) == 0;
    if (!known && !in_zone(t, name)) return 0;
    begin(&m, q, end, 1, known ? 0 : 3);
    if (known) add_records(t, &m, name, qtype, NULL);
    return finish(&m);
}

/* ------------------------------------------------------------------ forwarding */

static void system_upstreams(void) {
    FILE *f = fopen("/etc/resolv.conf", "r");
    if (!f) return;
    char line[256], ip[64];
    struct in_addr a;
    while (fgets(line, sizeof line, f) && nsys_up < MAX_UP) {
        if (sscanf(line, "nameserver %63s", ip) == 1 && inet_pton(AF_INET, ip, &a) == 1) {
            sys_up[nsys_up++] = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(53), .sin_addr = a};
        }
    }
    fclose(f);
}

/* The upstreams to ask: the table's, else the node's (the container's resolv.conf). */
static int upstreams(const struct table *t, struct sockaddr_in *out) {
    int n = t->nup > 0 ? t->nup : nsys_up;
    memcpy(out, t->nup > 0 ? t->up : sys_up, n * sizeof *out);
    return n;
}

static unsigned short random_id(void) {
    unsigned short id;
    if (getrandom(&id, sizeof id, 0) != sizeof id) id = (unsigned short)(rand() ^ time(NULL));
    return id;
}

/*
 * An ExternalName's answer: the CNAME, then the upstream's answer records for its target (names
 * written out whole, since the upstream's compression pointers point into its own message).
 */
static int chased(const unsigned char *q, int qlen, const unsigned char *u, int ulen, unsigned char *r, int cap) {
    char name[MAX_NAME], owner[MAX_NAME], target[MAX_NAME];
    int qtype, uqtype;
    int end = question(q, qlen, name, &qtype);
    int off = question(u, ulen, target, &uqtype);
    if (end < 0 || off < 0) return refuse(q, r, 2);
    struct msg m = {r, 0, cap, 0, 0, 0};
    begin(&m, q, end, 0, u[3] & 0x0f);
    add_name_rr(&m, NULL, T_CNAME, target);
    int an = (u[6] << 8) | u[7];
    for (int i = 0; i < an; i++) {
        off = read_name(u, ulen, off, owner);
        if (off < 0 || off + 10 > ulen) break;
        int type = (u[off] << 8) | u[off + 1], rdlen = (u[off + 8] << 8) | u[off + 9];
        const unsigned char *rdata = u + off + 10;
        if (off + 10 + rdlen > ulen) break;
        if (type == T_CNAME) {
            char to[MAX_NAME];
            if (read_name(u, ulen, off + 10, to) > 0) add_name_rr(&m, owner, T_CNAME, to);
        } else if (type == T_A || type == T_AAAA) {
            add_rr(&m, owner, type, rdata, rdlen, 0);
        }
        off += 10 + rdlen;
    }
    return finish(&m);
}

/* Whether a reply answers the question asked: same id and same name and type. */
static int answers(const unsigned char *u, int ulen, unsigned short id, const char *name, int qtype) {
    char got[MAX_NAME];
    int type;
    return ulen >= 12 && (u[2] & 0x80) && ((u[0] << 8) | u[1]) == id && ((u[4] << 8) | u[5]) == 1
        && question(u, ulen, got, &type) > 0 && type == qtype && strcmp(got, name) == 0;
}

/* A query forwarded over UDP, waiting for its first valid reply. */
struct pending {
    int used;
    time_t at;
    unsigned short id, client_id;
    struct sockaddr_in client;
    struct sockaddr_in asked[MAX_UP];
    int nasked;
    char name[MAX_NAME];
    int qtype;
    unsigned char query[UDP_LIMIT]; /* the client's, when the answer is a chased CNAME */
    int qlen;
};
static struct pending pendings[PENDING];

static struct pending *new_pending(void) {
    time_t now = now_seconds();
    for (int tries = 0; tries < 64; tries++) {
        unsigned short id = random_id();
        int clash = 0, free_slot = -1;
        for (int i = 0; i < PENDING; i++) {
            if (pendings[i].used && now - pendings[i].at > PENDING_SECONDS) pendings[i].used = 0;
            if (pendings[i].used && pendings[i].id == id) clash = 1;
            if (!pendings[i].used && free_slot < 0) free_slot = i;
        }
        if (free_slot < 0) return NULL;
        if (!clash) {
            pendings[free_slot] = (struct pending){.used = 1, .at = now, .id = id};
            return &pendings[free_slot];
        }
    }
    return NULL;
}

/* Forwards a UDP client's query (or, chasing, a query for the CNAME's target) under a random id. */
static void forward_udp(int s, int u, const struct table *t, const unsigned char *m, int len, const struct sockaddr_in *from,
                        const char *chase) {
    unsigned char out[UDP_LIMIT + 4096], r[12];
    struct pending *p = new_pending();
    if (!p) return; /* too many in flight: the client retries */
    p->client = *from;
    p->client_id = (m[0] << 8) | m[1];
    p->nasked = upstreams(t, p->asked);
    int n;
    if (chase[0]) {
        int qtype;
        char name[MAX_NAME];
        question(m, len, name, &qtype);
        if (len > UDP_LIMIT || (n = build_query(p->id, chase, qtype, out)) < 0) {
            p->used = 0;
            return;
        }
        memcpy(p->query, m, len);
        p->qlen = len;
        snprintf(p->name, sizeof p->name, "%s", chase);
        p->qtype = qtype;
    } else {
        if (len > (int)sizeof out || question(m, len, p->name, &p->qtype) < 0) {
            p->used = 0;
            return;
        }
        memcpy(out, m, len);
        out[0] = p->id >> 8;
        out[1] = p->id & 0xff;
        n = len;
    }
    if (p->nasked == 0) {
        p->used = 0;
        sendto(s, r, refuse(m, r, 2), 0, (const struct sockaddr *)from, sizeof *from); /* SERVFAIL: nowhere to ask */
        return;
    }
    for (int i = 0; i < p->nasked; i++) sendto(u, out, n, 0, (struct sockaddr *)&p->asked[i], sizeof p->asked[i]);
}

/* An upstream's UDP reply: relayed to the client that asked, if it is the reply to a pending query. */
static void relay_reply(int s, unsigned char *m, int len, const struct sockaddr_in *from) {
    if (len < 12) return;
    unsigned short id = (m[0] << 8) | m[1];
    for (int i = 0; i < PENDING; i++) {
        struct pending *p = &pendings[i];
        if (!p->used || p->id != id) continue;
        int asked = 0;
        for (int k = 0; k < p->nasked; k++) {
            asked |= p->asked[k].sin_addr.s_addr == from->sin_addr.s_addr && p->asked[k].sin_port == from->sin_port;
        }
        if (!asked || !answers(m, len, id, p->name, p->qtype)) return;
        p->used = 0; /* the first upstream to answer wins */
        if (p->qlen > 0) {
            unsigned char r[UDP_LIMIT];
            int n = chased(p->query, p->qlen, m, len, r, UDP_LIMIT);
            sendto(s, r, n, 0, (struct sockaddr *)&p->client, sizeof p->client);
        } else {
            m[0] = p->client_id >> 8;
            m[1] = p->client_id & 0xff;
            sendto(s, m, len, 0, (struct sockaddr *)&p->client, sizeof p->client);
        }
        return;
    }
}

/* ------------------------------------------------------------------ TCP */

static int read_full(int fd, unsigned char *b, int n) {
    for (int off = 0; off < n;) {
        ssize_t r = read(fd, b + off, n - off);
        if (r <= 0) {
            if (r < 0 && errno == EINTR) continue;
            return -1;
        }
        off += r;
    }
    return 0;
}

static int write_message(int fd, const unsigned char *b, int n) {
    unsigned char len[2] = {n >> 8, n & 0xff};
    struct iovec v[2] = {{len, 2}, {(void *)b, n}};
    struct msghdr h = {.msg_iov = v, .msg_iovlen = 2};
    return sendmsg(fd, &h, MSG_NOSIGNAL) == n + 2 ? 0 : -1;
}

static int read_message(int fd, unsigned char *b) {
    unsigned char len[2];
    if (read_full(fd, len, 2) != 0) return -1;
    int n = (len[0] << 8) | len[1];
    return read_full(fd, b, n) == 0 ? n : -1;
}

static void timeouts(int fd, int seconds) {
    struct timeval tv = {seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

/* Asks the upstreams over TCP, in turn, until one gives the reply to (id, name, qtype). */
static int exchange_tcp(const struct sockaddr_in *up, int nup, const unsigned char *q, int qlen, unsigned char *r) {
    char name[MAX_NAME];
    int qtype;
    if (question(q, qlen, name, &qtype) < 0) return -1;
    unsigned short id = (q[0] << 8) | q[1];
    for (int i = 0; i < nup; i++) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        timeouts(s, 3);
        int n = -1;
        if (connect(s, (const struct sockaddr *)&up[i], sizeof up[i]) == 0 && write_message(s, q, qlen) == 0) n = read_message(s, r);
        close(s);
        if (n > 0 && answers(r, n, id, name, qtype)) return n;
    }
    return -1;
}

/* One TCP client: length-prefixed queries, answered in turn, until it closes or idles 10 s. */
static void *serve_tcp_client(void *arg) {
    int c = (int)(long)arg;
    timeouts(c, 10);
    unsigned char *q = malloc(TCP_LIMIT), *r = malloc(TCP_LIMIT), *u = malloc(TCP_LIMIT), *fwd = malloc(TCP_LIMIT);
    char chase[MAX_NAME];
    int n;
    while (q && r && u && fwd && (n = read_message(c, q)) >= 0) {
        struct table *t = acquire();
        int a = answer(t, q, n, r, TCP_LIMIT, chase);
        struct sockaddr_in up[MAX_UP];
        int nup = upstreams(t, up);
        release(t);
        if (a < 0) continue;
        if (a == 0) {
            unsigned short id = random_id();
            int qtype, flen;
            char name[MAX_NAME];
            question(q, n, name, &qtype);
            if (chase[0]) {
                flen = build_query(id, chase, qtype, fwd);
            } else {
                memcpy(fwd, q, n);
                fwd[0] = id >> 8;
                fwd[1] = id & 0xff;
                flen = n;
            }
            int got = flen > 0 ? exchange_tcp(up, nup, fwd, flen, u) : -1;
            if (got < 0) {
                a = refuse(q, r, 2);
            } else if (chase[0]) {
                a = chased(q, n, u, got, r, TCP_LIMIT);
            } else {
                memcpy(r, u, got);
                r[0] = q[0];
                r[1] = q[1];
                a = got;
            }
        }
        if (write_message(c, r, a) != 0) break;
    }
    free(q);
    free(r);
    free(u);
    free(fwd);
    close(c);
    return NULL;
}

/* ------------------------------------------------------------------ the server */

int serve_dns(const char *bind_to) {
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
    int s = socket(AF_INET, SOCK_DGRAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0), l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (s < 0 || u < 0 || l < 0 || bind(s, (struct sockaddr *)&addr, sizeof addr) != 0
        || bind(l, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(l, 64) != 0) {
        fprintf(stderr, "netd dns: cannot serve on %s: %s\n", bind_to ? bind_to : "0.0.0.0:53", strerror(errno));
        return 1;
    }
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 128 * 1024);
    unsigned char m[4096], r[UDP_LIMIT];
    char chase[MAX_NAME];
    struct pollfd fds[3] = {{.fd = s, .events = POLLIN}, {.fd = u, .events = POLLIN}, {.fd = l, .events = POLLIN}};
    for (;;) {
        if (poll(fds, 3, -1) < 0) continue;
        if (fds[0].revents & POLLIN) {
            struct sockaddr_in from;
            socklen_t fl = sizeof from;
            int len = recvfrom(s, m, sizeof m, 0, (struct sockaddr *)&from, &fl);
            if (len >= 12) {
                struct table *t = acquire();
                int n = answer(t, m, len, r, UDP_LIMIT, chase);
                if (n > 0) sendto(s, r, n, 0, (struct sockaddr *)&from, fl);
                else if (n == 0) forward_udp(s, u, t, m, len, &from, chase);
                release(t);
            }
        }
        if (fds[1].revents & POLLIN) {
            struct sockaddr_in from;
            socklen_t fl = sizeof from;
            int len = recvfrom(u, m, sizeof m, 0, (struct sockaddr *)&from, &fl);
            relay_reply(s, m, len, &from);
        }
        if (fds[2].revents & POLLIN) {
            int c = accept(l, NULL, NULL);
            pthread_t th;
            if (c >= 0 && pthread_create(&th, &attr, serve_tcp_client, (void *)(long)c) != 0) close(c);
        }
    }
}
