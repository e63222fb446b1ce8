/* netd's shared declarations: the table (netd.c), the cluster DNS (dns.c), the Service proxy (proxy.c). */
#ifndef NETD_H
#define NETD_H

#include <netinet/in.h>
#include <time.h>

#define MAX_NAME 256
#define MAX_UP 3

enum proto { TCP, UDP };
enum kind { REC_A, REC_SRV, REC_PTR, REC_CNAME };

/* One DNS record: A (name → ip), SRV (name → port, target), PTR (reverse name → target), CNAME (name → target). */
struct record {
    enum kind kind;
    char *name;
    char *target;
    struct in_addr ip;
    int port;
};

struct port {
    int port;
    enum proto proto;
};

struct endpoint {
    int port;           /* the Service port */
    enum proto proto;
    struct in_addr ip;
    int target;         /* the pod's port */
};

/* A complete table; reference counted, since DNS over TCP reads it on threads of its own. */
struct table {
    char zone[MAX_NAME];
    struct sockaddr_in up[MAX_UP]; /* port 53 unless the table says */
    int nup;
    struct record *records;
    int nrecords, crecords;
    struct port *ports;
    int nports, cports;
    struct endpoint *endpoints;
    int nendpoints, cendpoints;
    int affinity;       /* sessionAffinity ClientIP's timeout in seconds; 0: none */
    int refs;
};

/* The current table, re-read first when its file changed; give it back with release(). */
struct table *acquire(void);
void release(struct table *t);
void lower(char *s);
time_t now_seconds(void);

int serve_dns(const char *bind_to);
int serve_proxy(const char *bind_to);

#endif
