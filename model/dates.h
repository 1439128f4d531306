/* dates.h: calendar arithmetic for the weekly tick. Months are counted as 12*year + (month-1);
 * days are counted from 2000-01-01 (the CF time origin of every output file). */
#ifndef CARTELSIM_DATES_H
#define CARTELSIM_DATES_H

#define DATES_TICK_DAYS 7
#define DATES_EPOCH "2000-01-01"

/** @brief Parse "YYYY-MM" into a month index; returns 0 on success, -1 when malformed. */
int dates_parse_month(const char *s, int *month);

/** @brief Format a month index as "YYYY-MM" into buf (at least 8 bytes). */
void dates_format_month(int month, char *buf, unsigned long size);

/** @brief Days from 2000-01-01 to the first day of the month index (negative before 2000). */
long dates_days_of_month(int month);

/** @brief Number of weekly ticks from the first day of start to the end of month end (inclusive). */
int dates_n_ticks(int start, int end);

/** @brief First tick whose first day is on or after the first day of month (may equal n_ticks). */
int dates_tick_of_month(int start, int month);

/** @brief Share (0..1) of the tick's seven days that fall in calendar year y: weights that turn
 *  weekly flows into exact calendar-year totals (no 53-week years). */
double dates_tick_share_of_year(int start, int tick, int year);

/** @brief Last calendar year the run covers completely (1 January to 31 December), or -1. */
int dates_last_full_year(int start, int end);

#endif
