/*
 * A Service's user-space proxy, as kube-proxy's: each TCP connection to a Service port is relayed
 * to one of its endpoints, spread round robin (an endpoint that refuses is skipped); each UDP
 * client gets a flow of its own to one endpoint, kept while it is used (30 s idle, as conntrack's
 * UDP timeout) and while its endpoint stays in the table. With sessionAffinity ClientIP a client
 * keeps its endpoint while it comes back within the timeout.
 * One thread, non-blocking sockets and poll: each direction of a connection is relayed as its
 * reader and writer allow, so neither side can block the other, and a half-close is passed on.
 */
#define _GNU_SOURCE
#include "netd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF 16384
#define UDP_IDLE_SECONDS 30

struct listener {
    int fd;
    struct port port;
    unsigned counter; /* round robin */
};

/* A TCP connection: client, endpoint, and a buffer each way (0: client → endpoint, 1: back). */
struct conn {
    int fd[2];                /* 0: the client, 1: the endpoint */
    int connecting;
    struct endpoint *candidates;
    int ncandidates, next;
    struct in_addr client;
    int listener;
    unsigned char buf[2][BUF];
    int len[2], off[2];
    int eof[2], shut[2];
    struct conn *link;
};

struct flow {
    int fd;
    struct sockaddr_in client;
    int listener;
    struct endpoint endpoint;
    time_t last;
    struct flow *link;
};

/* A client's endpoint under sessionAffinity ClientIP, per Service port. */
struct sticky {
    struct in_addr client;
    int listener;
    struct endpoint endpoint;
    time_t last;
};

static struct listener *listeners;
static int nlisteners;
static struct conn *conns;
static struct flow *flows;
static struct sticky *stickies;
static int nstickies, cstickies;

static void nonblocking(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* Closes with a reset, as a refused or broken connection is passed on. */
static void reset(int fd) {
    struct linger l = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    close(fd);
}

static int same_endpoint(const struct endpoint *a, const struct endpoint *b) {
    return a->ip.s_addr == b->ip.s_addr && a->target == b->target;
}

static struct sticky *sticky_of(struct in_addr client, int listener, int timeout) {
    time_t now = now_seconds();
    for (int i = 0; i < nstickies; i++) {
        if (now - stickies[i].last > timeout) { /* expired: forget it */
            stickies[i--] = stickies[--nstickies];
            continue;
        }
        if (stickies[i].client.s_addr == client.s_addr && stickies[i].listener == listener) return &stickies[i];
    }
    return NULL;
}

/* Remembers (or refreshes) the client's endpoint. */
static void stick(struct in_addr client, int listener, const struct endpoint *e, int timeout) {
    if (timeout <= 0) return;
    struct sticky *s = sticky_of(client, listener, timeout);
    if (!s) {
        if (nstickies == cstickies) {
            cstickies = cstickies ? cstickies * 2 : 64;
            struct sticky *grown = realloc(stickies, cstickies * sizeof *stickies);
            if (!grown) return;
            stickies = grown;
        }
        s = &stickies[nstickies++];
        s->client = client;
        s->listener = listener;
    }
    s->endpoint = *e;
    s->last = now_seconds();
}

/*
 * The port's endpoints in the order to try them: the client's sticky one first (while it is in
 * the table), else from the round-robin choice on. Returns how many (0: none), in *out (malloc'd).
 */
static int candidates(const struct table *t, int listener, struct in_addr client, struct endpoint **out) {
    struct listener *l = &listeners[listener];
    int n = 0;
    for (int i = 0; i < t->nendpoints; i++) n += t->endpoints[i].port == l->port.port && t->endpoints[i].proto == l->port.proto;
    *out = malloc((n > 0 ? n : 1) * sizeof **out);
    if (!*out) return 0;
    int start = n > 0 ? (int)(l->counter++ % n) : 0, k = 0;
    struct sticky *s = t->affinity > 0 ? sticky_of(client, listener, t->affinity) : NULL;
    for (int i = 0; i < t->nendpoints; i++) {
        const struct endpoint *e = &t->endpoints[i];
        if (e->port != l->port.port || e->proto != l->port.proto) continue;
        (*out)[(k++ - start + n) % n] = *e;
    }
    for (int i = 0; s && i < n; i++) {
        if (same_endpoint(&(*out)[i], &s->endpoint)) {
            struct endpoint first = (*out)[i];
            memmove(*out + 1, *out, i * sizeof **out);
            (*out)[0] = first;
            break;
        }
    }
    return n;
}

/* ------------------------------------------------------------------ TCP */

static void drop(struct conn *c, int abort) {
    for (int i = 0; i < 2; i++) {
        if (c->fd[i] < 0) continue;
        if (abort) reset(c->fd[i]);
        else close(c->fd[i]);
    }
    free(c->candidates);
    struct conn **p = &conns;
    while (*p != c) p = &(*p)->link;
    *p = c->link;
    free(c);
}

/* Starts connecting to the next candidate; 0 when none is left (the client is reset, as kube-proxy rejects). */
static int connect_next(struct conn *c) {
    while (c->next < c->ncandidates) {
        const struct endpoint *e = &c->candidates[c->next++];
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (s < 0) break;
        nonblocking(s);
        struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(e->target), .sin_addr = e->ip};
        if (connect(s, (struct sockaddr *)&to, sizeof to) == 0 || errno == EINPROGRESS) {
            c->fd[1] = s;
            c->connecting = 1;
            return 1;
        }
        close(s);
    }
    return 0;
}

static void accept_tcp(int listener) {
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    int fd = accept(listeners[listener].fd, (struct sockaddr *)&from, &fl);
    if (fd < 0) return;
    struct conn *c = calloc(1, sizeof *c);
    if (!c) {
        reset(fd);
        return;
    }
    nonblocking(fd);
    c->fd[0] = fd;
    c->fd[1] = -1;
    c->client = from.sin_addr;
    c->listener = listener;
    struct table *t = acquire();
    c->ncandidates = candidates(t, listener, from.sin_addr, &c->candidates);
    release(t);
    c->link = conns;
    conns = c;
    if (!connect_next(c)) drop(c, 1);
}

/* The endpoint's connect finished: relay, or try the next one. Returns 0 when the connection was dropped. */
static int connected(struct conn *c) {
    int err = 0;
    socklen_t el = sizeof err;
    if (getsockopt(c->fd[1], SOL_SOCKET, SO_ERROR, &err, &el) != 0 || err != 0) {
        close(c->fd[1]);
        c->fd[1] = -1;
        if (connect_next(c)) return 1;
        drop(c, 1);
        return 0;
    }
    c->connecting = 0;
    int one = 1;
    setsockopt(c->fd[0], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(c->fd[1], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct table *t = acquire();
    stick(c->client, c->listener, &c->candidates[c->next - 1], t->affinity);
    release(t);
    return 1;
}

/*
 * Moves what it can in direction d (0: client → endpoint, 1: back) without blocking: reads when its
 * buffer is empty, writes what is buffered, passes a drained end of stream on as a half-close.
 * Returns 0 when the connection broke (reset on both sides).
 */
static int pump(struct conn *c, int d) {
    int from = c->fd[d], to = c->fd[1 - d];
    for (;;) {
        if (c->off[d] < c->len[d]) {
            ssize_t w = send(to, c->buf[d] + c->off[d], c->len[d] - c->off[d], MSG_NOSIGNAL);
            if (w < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
            c->off[d] += w;
            continue;
        }
        c->off[d] = c->len[d] = 0;
        if (c->eof[d]) {
            if (!c->shut[d]) {
                shutdown(to, SHUT_WR);
                c->shut[d] = 1;
            }
            return 1;
        }
        ssize_t r = recv(from, c->buf[d], BUF, 0);
        if (r < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
        if (r == 0) c->eof[d] = 1;
        c->len[d] = r;
    }
}

/* The events a connection's socket waits for. */
static short events_of(const struct conn *c, int side) {
    if (c->connecting) return side == 1 ? POLLOUT : 0;
    short e = 0;
    if (!c->eof[side] && c->len[side] == 0) e |= POLLIN;          /* room to read from it */
    if (c->off[1 - side] < c->len[1 - side]) e |= POLLOUT;        /* data waiting for it */
    return e;
}

/* ------------------------------------------------------------------ UDP */

static void drop_flow(struct flow *f) {
    close(f->fd);
    struct flow **p = &flows;
    while (*p != f) p = &(*p)->link;
    *p = f->link;
    free(f);
}

static int in_table(const struct table *t, const struct listener *l, const struct endpoint *e) {
    for (int i = 0; i < t->nendpoints; i++) {
        if (t->endpoints[i].port == l->port.port && t->endpoints[i].proto == UDP && same_endpoint(&t->endpoints[i], e)) return 1;
    }
    return 0;
}

/* A client's datagram: sent on its flow, made on its first datagram (or when its endpoint left the table). */
static void datagram(int listener) {
    unsigned char b[65536];
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    ssize_t n = recvfrom(listeners[listener].fd, b, sizeof b, 0, (struct sockaddr *)&from, &fl);
    if (n < 0) return;
    struct table *t = acquire();
    struct flow *f = flows;
    while (f && !(f->listener == listener && f->client.sin_addr.s_addr == from.sin_addr.s_addr && f->client.sin_port == from.sin_port)) {
        f = f->link;
    }
    if (f && !in_table(t, &listeners[listener], &f->endpoint)) {
        drop_flow(f);
        f = NULL;
    }
    if (!f) {
        struct endpoint *c;
        int k = candidates(t, listener, from.sin_addr, &c);
        int s = k > 0 ? socket(AF_INET, SOCK_DGRAM, 0) : -1;
        struct sockaddr_in to = {.sin_family = AF_INET};
        if (k > 0) {
            to.sin_port = htons(c[0].target);
            to.sin_addr = c[0].ip;
        }
        if (s >= 0 && connect(s, (struct sockaddr *)&to, sizeof to) == 0 && (f = calloc(1, sizeof *f)) != NULL) {
            nonblocking(s);
            *f = (struct flow){s, from, listener, c[0], 0, flows};
            flows = f;
            stick(from.sin_addr, listener, &c[0], t->affinity);
        } else if (s >= 0) {
            close(s);
        }
        free(c);
    } else {
        stick(from.sin_addr, listener, &f->endpoint, t->affinity);
    }
    release(t);
    if (!f) return; /* no endpoint: dropped */
    f->last = now_seconds();
    send(f->fd, b, n, 0);
}

/* The endpoint's reply: back to the client, from the Service port. */
static void reply(struct flow *f) {
    unsigned char b[65536];
    ssize_t n = recv(f->fd, b, sizeof b, 0);
    if (n < 0) {
        if (errno == ECONNREFUSED) drop_flow(f); /* nothing listens there: the next datagram chooses again */
        return;
    }
    f->last = now_seconds();
    sendto(listeners[f->listener].fd, b, n, 0, (struct sockaddr *)&f->client, sizeof f->client);
}

/* ------------------------------------------------------------------ the loop */

static int listen_on(const struct port *p, const char *bind_to) {
    int s = socket(AF_INET, p->proto == UDP ? SOCK_DGRAM : SOCK_STREAM, 0), one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(p->port)};
    inet_pton(AF_INET, bind_to ? bind_to : "0.0.0.0", &addr.sin_addr);
    if (s < 0 || bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 || (p->proto == TCP && listen(s, 512) != 0)) {
        fprintf(stderr, "netd proxy: cannot listen on %s port %d: %s\n", p->proto == UDP ? "UDP" : "TCP", p->port, strerror(errno));
        return -1;
    }
    nonblocking(s);
    return s;
}

int serve_proxy(const char *bind_to) {
    struct table *t = acquire();
    listeners = calloc(t->nports > 0 ? t->nports : 1, sizeof *listeners);
    if (!listeners) return 1;
    for (int i = 0; i < t->nports; i++) {
        int fd = listen_on(&t->ports[i], bind_to);
        if (fd < 0) return 1;
        listeners[nlisteners++] = (struct listener){fd, t->ports[i], 0};
    }
    release(t);
    struct pollfd *fds = NULL;
    int cap = 0;
    for (;;) {
        int n = 0, need = nlisteners;
        for (struct conn *c = conns; c; c = c->link) need += 2;
        for (struct flow *f = flows; f; f = f->link) need++;
        if (need > cap) {
            cap = need * 2;
            fds = realloc(fds, cap * sizeof *fds);
            if (!fds) {
                fprintf(stderr, "netd proxy: out of memory for %d sockets\n", need);
                return 1;
            }
        }
        for (int i = 0; i < nlisteners; i++) {
            fds[n++] = (struct pollfd){listeners[i].fd, POLLIN, 0};
        }
        for (struct conn *c = conns; c; c = c->link) {
            for (int side = 0; side < 2; side++) { /* a socket with nothing to wait for is left out (-1) */
                short e = events_of(c, side);
                fds[n++] = (struct pollfd){e ? c->fd[side] : -1, e, 0};
            }
        }
        for (struct flow *f = flows; f; f = f->link) {
            fds[n++] = (struct pollfd){f->fd, POLLIN, 0};
        }
        if (poll(fds, n, 1000) < 0) continue;
        int i = nlisteners;
        for (struct conn *c = conns, *next; c; c = next, i += 2) {
            next = c->link;
            short ev = fds[i].revents | fds[i + 1].revents;
            if (!ev) continue;
            if (c->connecting) {
                if (fds[i + 1].revents && !connected(c)) continue;
                if (c->connecting) continue;
            }
            if (!pump(c, 0) || !pump(c, 1)) {
                drop(c, 1);
            } else if (c->shut[0] && c->shut[1]) {
                drop(c, 0);
            }
        }
        time_t now = now_seconds();
        for (struct flow *f = flows, *next; f; f = next, i++) {
            next = f->link;
            if (fds[i].revents) reply(f);
            else if (now - f->last > UDP_IDLE_SECONDS) drop_flow(f);
        }
        for (int k = 0; k < nlisteners; k++) {
            if (!(fds[k].revents & POLLIN)) continue;
            if (listeners[k].port.proto == TCP) accept_tcp(k);
            else datagram(k);
        }
    }
}
