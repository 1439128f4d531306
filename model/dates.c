/* dates.c: proleptic Gregorian calendar arithmetic (days-from-civil, after H. Hinnant). */
#include "dates.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

int dates_parse_month(const char *s, int *month)
{
    if (!s || strlen(s) != 7 || s[4] != '-')
        return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && !isdigit((unsigned char)s[i]))
            return -1;
    int y = 0, m = 0;
    if (sscanf(s, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12 || y < 1900 || y > 2200)
        return -1;
    *month = 12 * y + (m - 1);
    return 0;
}

void dates_format_month(int month, char *buf, unsigned long size)
{
    snprintf(buf, size, "%04d-%02d", month / 12, month % 12 + 1);
}

long dates_days_of_month(int month)
{
    return days_from_civil(month / 12, (unsigned)(month % 12 + 1), 1) - days_from_civil(2000, 1, 1);
}

int dates_n_ticks(int start, int end)
{
    const long days = dates_days_of_month(end + 1) - dates_days_of_month(start);
    return days <= 0 ? 0 : (int)((days + DATES_TICK_DAYS - 1) / DATES_TICK_DAYS);
}

int dates_tick_of_month(int start, int month)
{
    const long days = dates_days_of_month(month) - dates_days_of_month(start);
    return days <= 0 ? 0 : (int)((days + DATES_TICK_DAYS - 1) / DATES_TICK_DAYS);
}

double dates_tick_share_of_year(int start, int tick, int year)
{
    const long d0 = dates_days_of_month(start) + (long)tick * DATES_TICK_DAYS, d1 = d0 + DATES_TICK_DAYS;
    const long y0 = dates_days_of_month(12 * year), y1 = dates_days_of_month(12 * (year + 1));
    const long lo = d0 > y0 ? d0 : y0, hi = d1 < y1 ? d1 : y1;
    return hi > lo ? (double)(hi - lo) / DATES_TICK_DAYS : 0.0;
}

int dates_last_full_year(int start, int end)
{
    const int y = (end + 1) / 12 - 1; /* the year that ends on or before the end of month `end` */
    return 12 * y >= start ? y : -1;
}
