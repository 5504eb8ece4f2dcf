/* json.c - the one JSON string escaper and member writer (see tt/json.h). */
#include "tt/json.h"

#include <string.h>

int
tt_json_str(tt_buf *b, const char *s, size_t n)
{
    if (tt_buf_putc(b, '"'))
        return TT_ENOMEM;
    size_t run = 0; /* bytes copied as they are, appended in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        if (tt_buf_append(b, s + run, i - run))
            return TT_ENOMEM;
        run = i + 1;
        int rc = ch < 0x20 ? tt_buf_printf(b, "\\u%04x", ch) : tt_buf_putc(b, '\\') || tt_buf_putc(b, (char)ch);
        if (rc)
            return TT_ENOMEM;
    }
    if (tt_buf_append(b, s + run, n - run) || tt_buf_putc(b, '"'))
        return TT_ENOMEM;
    return 0;
}

int
tt_json_cstr(tt_buf *b, const char *s)
{
    return tt_json_str(b, s ? s : "", s ? strlen(s) : 0);
}

int
tt_json_key(tt_buf *b, const char *key)
{
    return tt_json_cstr(b, key) || tt_buf_puts(b, ": ") ? TT_ENOMEM : 0;
}

int
tt_json_member_str(tt_buf *b, const char *key, const char *value)
{
    return tt_json_key(b, key) || tt_json_cstr(b, value) ? TT_ENOMEM : 0;
}

int
tt_json_member_bool(tt_buf *b, const char *key, int value)
{
    return tt_json_key(b, key) || tt_buf_puts(b, value ? "true" : "false") ? TT_ENOMEM : 0;
}

int
tt_json_member_u64(tt_buf *b, const char *key, uint64_t value)
{
    return tt_json_key(b, key) || tt_buf_put_u64(b, value) ? TT_ENOMEM : 0;
}

int
tt_json_str_array(tt_buf *b, const char *const *items, size_t n)
{
    if (tt_buf_putc(b, '['))
        return TT_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if ((i && tt_buf_puts(b, ", ")) || tt_json_cstr(b, items[i]))
            return TT_ENOMEM;
    return tt_buf_putc(b, ']') ? TT_ENOMEM : 0;
}
