/* DNS messages (dnsmsg.c): what dns.c builds its answers with. */
#ifndef DNSMSG_H
#define DNSMSG_H

#include "netd.h"

#define TTL 5

enum { T_A = 1, T_CNAME = 5, T_PTR = 12, T_AAAA = 28, T_SRV = 33, T_ANY = 255 };

/* An answer being written: records that do not fit its size set TC (answers) or are left out (additional). */
struct msg {
    unsigned char *b;
    int n, cap, truncated, an, ar;
};

/* Reads a (possibly compressed) name at off as dotted lower case; returns the offset after it, or -1. */
int read_name(const unsigned char *m, int len, int off, char *out);
/* Encodes a dotted name uncompressed; returns its length, or -1 when it is not a valid name. */
int encode_name(const char *name, unsigned char *out);
/* Appends a record; name NULL points at the question's name. Returns 0, or -1 when it did not fit. */
int add_rr(struct msg *m, const char *name, int type, const unsigned char *rdata, int rdlen, int additional);
void add_name_rr(struct msg *m, const char *owner, int type, const char *target);
void add_a(struct msg *m, const char *owner, struct in_addr ip, int additional);
/* Starts an answer to the query (its header and question): QR, opcode and RD as asked, RA, rcode. */
void begin(struct msg *m, const unsigned char *q, int question_end, int aa, int rcode);
int finish(struct msg *m);
/* A header-only answer (FORMERR, NOTIMP, SERVFAIL). */
int refuse(const unsigned char *q, unsigned char *r, int rcode);
/* Reads the question: its name, type, and where it ends; -1 when it is malformed. */
int question(const unsigned char *q, int len, char *name, int *qtype);
/* A query for name, type qtype, recursion desired. */
int build_query(unsigned short id, const char *name, int qtype, unsigned char *out);

#endif
