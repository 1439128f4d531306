/* finance.h: the organisations' books (model.md 4.5): income by activity, wages, bribes and the
 * protection they buy, the budget for guns, desertion when wages go unpaid, and the record of export
 * income from which the squeeze (a collapse of export income) is read. */
#ifndef CARTELSIM_FINANCE_H
#define CARTELSIM_FINANCE_H

#include <stdint.h>

#include "orgs.h"

struct World;
struct Error;

/* Why cash changes (the ledger that invariants.c checks against the cash held each week); moves
 * between organisations (splits, absorptions) are not flows. */
enum CashFlow { CF_BOOKED /* the week's income less bribes, guns, wages and laundering */, CF_OUTFLOW /* profits out */,
                CF_SEIZED /* by sanctions */, CF_FORGIVEN /* debts of unpaid wages written off */, N_CASH_FLOWS };

typedef struct Finance {
    int cap;                            /* organisation slots (orgs.cap) */
    int64_t *cash;                      /* [org] whole US$2010 */
    double *protection;                 /* [org] [0,1): bought with bribes (corruption) */
    double *gun_budget;                 /* [org] US$2010 set aside for guns this week (guns.c buys them) */
    double (*revenue)[N_ACTIVITIES];    /* [org] this week's income by activity, US$2010 */
    double (*smooth)[N_ACTIVITIES];     /* [org] weekly income by activity, smoothed over about a quarter */
    double *traffic_fast, *traffic_slow; /* [org] smoothed export income: recent and long-run */
    double *squeeze;                    /* [org] [0,1]: loss of export income (speeds diversification) */
    double *income_year;                /* [org] weekly income, smoothed over cartels.money_memory weeks */
    double *laundering_share;           /* [org] share of income lost to dearer laundering this week (set by uspolicy.c) */
    double laundering;                  /* this week: income lost to the dearer laundering of designated organisations */
    int64_t ledger[N_CASH_FLOWS];       /* cash added (or removed, negative) by cause since the start */
    double income_booked;               /* income booked since the start (revenue credited the week before) */
} Finance;

int finance_init(struct World *w, struct Error *err);
/** @brief Book last week's income; pay wages and bribes; set aside the gun budget; members desert
 *  when wages go unpaid; profits leave the books. */
void finance_step(struct World *w);
/** @brief Revenue by lineage and by activity, cash, concentration of export revenue. */
void finance_observe(const struct World *w, double *row);
void finance_free(struct World *w);

/** @brief The share of organisation o's income that its laundering costs this week (uspolicy.c sets it
 *  each week, before the books: the sanctions on a designated organisation). */
static inline void finance_set_laundering(struct Finance *f, int o, double share)
{
    f->laundering_share[o] = share;
}

/** @brief Credit income of activity a to organisation o (trafficking, local crime). */
static inline void finance_credit(struct Finance *f, int o, int a, double amount)
{
    f->revenue[o][a] += amount;
}
/** @brief A faction born of a split takes its share fm/total of the parent's cash as it stood before
 *  the split began (cash0; whole dollars, the remainder stays) and of its export income record;
 *  lost_link: it lost a supplier link (a full squeeze). */
void finance_split(struct World *w, int parent, int child, int64_t cash0, int64_t fm, int64_t total, int lost_link);
/** @brief How well organisation o can pay for recruits: its smoothed income per member against
 *  cartels.income_ref, raised to cartels.money_elasticity (at most MONEY_CAP^elasticity). */
double finance_recruit_means(const struct World *w, int o);
/** @brief Sanctions seize a share of organisation o's cash (whole dollars); returns the dollars seized. */
int64_t finance_seize(struct World *w, int o, double share);
/** @brief Cash of `from` goes to `into` (absorption). */
void finance_merge(struct World *w, int from, int into);

#endif
