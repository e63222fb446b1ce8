/* DNS messages: names read and written, answers built record by record with their size limit. */
#define _GNU_SOURCE
#include "dnsmsg.h"

#include <string.h>

/* Reads a (possibly compressed) name at off as dotted lower case; returns the offset after it, or -1. */
int read_name(const unsigned char *m, int len, int off, char *out) {
    int n = 0, next = -1, hops = 0;
    while (off < len && m[off] != 0) {
        if ((m[off] & 0xc0) == 0xc0) {
            if (off + 1 >= len || ++hops > 32) return -1;
            if (next < 0) next = off + 2;
            off = ((m[off] & 0x3f) << 8) | m[off + 1];
            continue;
        }
        int l = m[off];
        if (l > 63 || off + 1 + l > len || n + l + 2 > MAX_NAME) return -1;
        if (n > 0) out[n++] = '.';
        memcpy(out + n, m + off + 1, l);
        n += l;
        off += 1 + l;
    }
    if (off >= len) return -1;
    out[n] = 0;
    lower(out);
    return next >= 0 ? next : off + 1;
}

/* Encodes a dotted name uncompressed; returns its length, or -1 when it is not a valid name. */
int encode_name(const char *name, unsigned char *out) {
    int n = 0;
    while (*name) {
        const char *dot = strchr(name, '.');
        int l = dot ? (int)(dot - name) : (int)strlen(name);
        if (l == 0 || l > 63 || n + l + 2 > 255) return -1;
        out[n++] = l;
        memcpy(out + n, name, l);
        n += l;
        name += l + (dot ? 1 : 0);
    }
    out[n++] = 0;
    return n;
}


/* Appends a record; name NULL points at the question's name. Returns 0, or -1 when it did not fit. */
int add_rr(struct msg *m, const char *name, int type, const unsigned char *rdata, int rdlen, int additional) {
    unsigned char owner[MAX_NAME];
    int ol = 2;
    if (name) {
        ol = encode_name(name, owner);
        if (ol < 0) return 0;
    } else {
        owner[0] = 0xc0;
        owner[1] = 0x0c;
    }
    if (m->truncated || m->n + ol + 10 + rdlen > m->cap) {
        if (!additional) m->truncated = 1;
        return -1;
    }
    unsigned char *p = m->b + m->n;
    memcpy(p, owner, ol);
    p += ol;
    *p++ = type >> 8;
    *p++ = type & 0xff;
    *p++ = 0;
    *p++ = 1;
    *p++ = 0;
    *p++ = 0;
    *p++ = 0;
    *p++ = TTL;
    *p++ = rdlen >> 8;
    *p++ = rdlen & 0xff;
    memcpy(p, rdata, rdlen);
    m->n += ol + 10 + rdlen;
    if (additional) m->ar++; else m->an++;
    return 0;
}

void add_name_rr(struct msg *m, const char *owner, int type, const char *target) {
    unsigned char rdata[MAX_NAME];
    int l = encode_name(target, rdata);
    if (l > 0) add_rr(m, owner, type, rdata, l, 0);
}

void add_a(struct msg *m, const char *owner, struct in_addr ip, int additional) {
    add_rr(m, owner, T_A, (const unsigned char *)&ip, 4, additional);
}

/* Starts an answer to the query (its header and question): QR, opcode and RD as asked, RA, rcode. */
void begin(struct msg *m, const unsigned char *q, int question_end, int aa, int rcode) {
    memcpy(m->b, q, question_end);
    m->b[2] = 0x80 | (aa ? 0x04 : 0) | (q[2] & 0x79);
    m->b[3] = 0x80 | rcode;
    memset(m->b + 4, 0, 8);
    m->b[5] = question_end > 12 ? 1 : 0;
    m->n = question_end;
}

int finish(struct msg *m) {
    m->b[6] = m->an >> 8;
    m->b[7] = m->an & 0xff;
    m->b[10] = m->ar >> 8;
    m->b[11] = m->ar & 0xff;
    if (m->truncated) m->b[2] |= 0x02;
    return m->n;
}

/* A header-only answer (FORMERR, NOTIMP, SERVFAIL). */
int refuse(const unsigned char *q, unsigned char *r, int rcode) {
    struct msg m = {r, 0, 12, 0, 0, 0};
    begin(&m, q, 12, 0, rcode);
    return finish(&m);
}

/* Reads the question: its name, type, and where it ends; -1 when it is malformed. */
int question(const unsigned char *q, int len, char *name, int *qtype) {
    int end = read_name(q, len, 12, name);
    if (end < 0 || end + 4 > len) return -1;
    *qtype = (q[end] << 8) | q[end + 1];
    return end + 4;
}

/* A query for name, type qtype, recursion desired. */
int build_query(unsigned short id, const char *name, int qtype, unsigned char *out) {
    memset(out, 0, 12);
    out[0] = id >> 8;
    out[1] = id & 0xff;
    out[2] = 0x01;
    out[5] = 1;
    int l = encode_name(name, out + 12);
    if (l < 0) return -1;
    out[12 + l] = qtype >> 8;
    out[13 + l] = qtype & 0xff;
    out[14 + l] = 0;
    out[15 + l] = 1;
    return 16 + l;
}
