/*
 * pod4j's Service data path inside the pod network: one static program, two roles.
 *
 *   netd dns TABLE [ADDR:PORT]   cluster DNS over UDP and TCP (default 0.0.0.0:53)   dns.c, dnsmsg.c
 *   netd proxy TABLE [ADDR]      a Service's user-space proxy (default 0.0.0.0)      proxy.c
 *
 * The engine computes TABLE (a text file, one record a line) and copies it into the container
 * through the Docker API; both roles re-read it when the file changes, so no signal or network
 * path from the engine is needed. Lines:
 *
 *   zone cluster.local           names under it are answered here, unknown ones NXDOMAIN
 *   up 10.0.0.53[:53]            an upstream nameserver for every other name (first answers);
 *                                without any, the container's own /etc/resolv.conf's, which the
 *                                engine wrote as for any container (the node's DNS)
 *   a web.default.svc.cluster.local 172.17.0.5     an A record (repeated for several)
 *   srv _http._tcp.web.default.svc.cluster.local 80 web.default.svc.cluster.local   an SRV record
 *   ptr 172.17.0.5 web.default.svc.cluster.local   a PTR record (of 5.0.17.172.in-addr.arpa)
 *   cname db.default.svc.cluster.local db.example.com   an ExternalName Service
 *   port 80 [tcp|udp]            (proxy) a port to listen on (tcp when not said)
 *   ep 80 172.17.0.3 8080 [tcp|udp]   (proxy) an endpoint of that port, in the order to spread over
 *   affinity 10800               (proxy) sessionAffinity ClientIP: a client keeps its endpoint
 *                                while it comes back within that many seconds
 *   end                          the table is complete (a table read half-written is ignored)
 *
 * The first table may come in the environment variable NETD_TABLE instead (written to TABLE when
 * that does not exist): it saves the engine a copy into the container before it starts.
 * Every list grows as the table needs (no fixed limit on records, ports or endpoints).
 * Built static so it needs nothing from an image (scripts/build-pause builds it; the binaries are
 * committed). The JVM holds every decision; this program only answers and relays.
 */
#define _GNU_SOURCE
#include "netd.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *table_path;
static struct stat table_stat;
static struct table *cur;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static void on_term(int sig) {
    (void)sig;
    _exit(0);
}

void lower(char *s) {
    for (; *s; s++) {
        if (*s >= 'A' && *s <= 'Z') *s += 'a' - 'A';
    }
}

time_t now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec;
}

static void *grow(void *p, int n, int *cap, size_t size) {
    if (n < *cap) return p;
    *cap = *cap ? *cap * 2 : 16;
    p = realloc(p, (size_t)*cap * size);
    if (!p) {
        fprintf(stderr, "netd: out of memory reading the table %s (%d entries)\n", table_path, n);
        exit(1);
    }
    return p;
}

static char *copy(const char *s) {
    char *c = strdup(s);
    if (!c) {
        fprintf(stderr, "netd: out of memory reading the table %s\n", table_path);
        exit(1);
    }
    return c;
}

static void free_table(struct table *t) {
    for (int i = 0; i < t->nrecords; i++) {
        free(t->records[i].name);
        free(t->records[i].target);
    }
    free(t->records);
    free(t->ports);
    free(t->endpoints);
    free(t);
}

static struct table *empty_table(void) {
    struct table *t = calloc(1, sizeof *t);
    if (!t) {
        fprintf(stderr, "netd: out of memory\n");
        exit(1);
    }
    snprintf(t->zone, sizeof t->zone, "cluster.local");
    t->refs = 1; /* the reference "current" holds */
    return t;
}

static int same_file(const struct stat *a, const struct stat *b) {
    return a->st_ino == b->st_ino && a->st_size == b->st_size && a->st_ctim.tv_sec == b->st_ctim.tv_sec
        && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec && a->st_mtim.tv_sec == b->st_mtim.tv_sec
        && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static void add_record(struct table *t, enum kind kind, const char *name, const char *target, struct in_addr ip, int port) {
    t->records = grow(t->records, t->nrecords, &t->crecords, sizeof *t->records);
    struct record *r = &t->records[t->nrecords++];
    r->kind = kind;
    r->name = copy(name);
    lower(r->name);
    r->target = target ? copy(target) : NULL;
    if (r->target) lower(r->target);
    r->ip = ip;
    r->port = port;
}

static enum proto proto_of(int fields, int needed, const char *word) {
    return fields > needed && strcasecmp(word, "udp") == 0 ? UDP : TCP;
}

/* One line into the table; 0 when it is not understood. */
static int parse_line(struct table *t, const char *line) {
    char w[16], a[MAX_NAME], b[MAX_NAME], c[MAX_NAME], d[16];
    struct in_addr ip = {0};
    int n;
    if (sscanf(line, "%15s", w) != 1) return 0;
    if (strcmp(w, "a") == 0 && sscanf(line, "a %255s %255s", a, b) == 2) {
        if (inet_pton(AF_INET, b, &ip) != 1) return 0;
        add_record(t, REC_A, a, NULL, ip, 0);
    } else if (strcmp(w, "srv") == 0 && sscanf(line, "srv %255s %d %255s", a, &n, b) == 3) {
        add_record(t, REC_SRV, a, b, ip, n);
    } else if (strcmp(w, "ptr") == 0 && sscanf(line, "ptr %255s %255s", a, b) == 2) {
        if (inet_pton(AF_INET, a, &ip) != 1) return 0;
        unsigned char *o = (unsigned char *)&ip;
        snprintf(c, sizeof c, "%u.%u.%u.%u.in-addr.arpa", o[3], o[2], o[1], o[0]);
        add_record(t, REC_PTR, c, b, ip, 0);
    } else if (strcmp(w, "cname") == 0 && sscanf(line, "cname %255s %255s", a, b) == 2) {
        add_record(t, REC_CNAME, a, b, ip, 0);
    } else if (strcmp(w, "up") == 0 && sscanf(line, "up %255s", a) == 1) {
        if (t->nup >= MAX_UP) return 1; /* as a resolver: the first three nameservers */
        char *colon = strchr(a, ':');
        int port = colon ? atoi(colon + 1) : 53;
        if (colon) *colon = 0;
        if (inet_pton(AF_INET, a, &ip) != 1 || port <= 0 || port > 65535) return 0;
        t->up[t->nup++] = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(port), .sin_addr = ip};
    } else if (strcmp(w, "zone") == 0 && sscanf(line, "zone %255s", a) == 1) {
        lower(a);
        snprintf(t->zone, sizeof t->zone, "%s", a);
    } else if (strcmp(w, "affinity") == 0 && sscanf(line, "affinity %d", &n) == 1) {
        t->affinity = n;
    } else if (strcmp(w, "port") == 0 && (n = sscanf(line, "port %255s %15s", a, d)) >= 1) {
        t->ports = grow(t->ports, t->nports, &t->cports, sizeof *t->ports);
        t->ports[t->nports++] = (struct port){atoi(a), proto_of(n, 1, d)};
    } else if (strcmp(w, "ep") == 0 && (n = sscanf(line, "ep %255s %255s %255s %15s", a, b, c, d)) >= 3) {
        if (inet_pton(AF_INET, b, &ip) != 1) return 0;
        t->endpoints = grow(t->endpoints, t->nendpoints, &t->cendpoints, sizeof *t->endpoints);
        t->endpoints[t->nendpoints++] = (struct endpoint){atoi(a), proto_of(n, 3, d), ip, atoi(c)};
    } else {
        return 0;
    }
    return 1;
}

/*
 * Re-reads the table when the file changed (a copy through the Docker API replaces it: new ctime).
 * A table counts only when complete (its last line is "end"), so one read while the engine's copy
 * is being written keeps the previous table and the next request tries again. Caller holds the lock.
 */
static void reload(void) {
    struct stat st;
    if (stat(table_path, &st) != 0 || same_file(&st, &table_stat)) return;
    FILE *f = fopen(table_path, "r");
    if (!f) return;
    struct table *t = empty_table();
    char line[1024];
    int complete = 0, number = 0;
    while (fgets(line, sizeof line, f)) {
        number++;
        complete = 0;
        if (strncmp(line, "end", 3) == 0) {
            complete = 1;
        } else if (line[0] != '\n' && line[0] != '#' && !parse_line(t, line)) {
            fprintf(stderr, "netd: %s line %d not understood, skipped: %s", table_path, number, line);
        }
    }
    fclose(f);
    if (!complete) {
        free_table(t);
        return;
    }
    struct table *old = cur;
    cur = t;
    table_stat = st;
    if (old && --old->refs == 0) free_table(old);
}

struct table *acquire(void) {
    pthread_mutex_lock(&table_lock);
    reload();
    struct table *t = cur;
    t->refs++;
    pthread_mutex_unlock(&table_lock);
    return t;
}

void release(struct table *t) {
    pthread_mutex_lock(&table_lock);
    if (--t->refs == 0) free_table(t);
    pthread_mutex_unlock(&table_lock);
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
    const char *first = getenv("NETD_TABLE");
    if (first && access(table_path, F_OK) != 0) {
        FILE *f = fopen(table_path, "w");
        if (!f || fputs(first, f) < 0 || fclose(f) != 0) {
            fprintf(stderr, "netd: cannot write the first table to %s\n", table_path);
            return 1;
        }
    }
    cur = empty_table();
    release(acquire());
    if (strcmp(argv[1], "dns") == 0) return serve_dns(argc > 3 ? argv[3] : NULL);
    if (strcmp(argv[1], "proxy") == 0) return serve_proxy(argc > 3 ? argv[3] : NULL);
    fprintf(stderr, "netd: unknown role %s\n", argv[1]);
    return 2;
}
