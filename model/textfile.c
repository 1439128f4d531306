/* textfile.c: whole text files into memory. */
#include "textfile.h"

#include <stdio.h>
#include <stdlib.h>

char *textfile_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, len = 0, n;
    char *s = malloc(cap);
    while (s && (n = fread(s + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 >= cap) {
            char *t = realloc(s, cap *= 2);
            if (!t) {
                free(s);
                s = NULL;
            } else
                s = t;
        }
    }
    fclose(f);
    if (s)
        s[len] = '\0';
    return s;
}
