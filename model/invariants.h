/* invariants.h: checks of a World after each week, read-only: what must hold whatever the
 * parameters. The runner (sim.c) calls invariants_mark before and invariants_check after every week in
 * Debug builds (NDEBUG undefined: `make test`'s sanitizer build); tests/unit/test_invariants.c calls
 * them on a 2000-2100 run in every build. They change nothing in the World, so results are the same
 * with or without them. */
#ifndef CARTELSIM_INVARIANTS_H
#define CARTELSIM_INVARIANTS_H

#include <stdint.h>

#include "drugs.h"
#include "error.h"
#include "finance.h"
#include "guns.h"
#include "orgs.h"

struct World;

/* What the conservation checks compare a week's end with: stocks and ledgers at the start of the
 * week (invariants_mark), the stocks of the series at the end of the week before (invariants_check). */
typedef struct InvariantsMark {
    int world, rows;                      /* the World part, the row part are set */
    int64_t members, guns, cash;          /* members on plazas, guns and cash of every organisation slot */
    int64_t member_ledger[N_MEMBER_FLOWS], gun_ledger[N_GUN_FLOWS], cash_ledger[N_CASH_FLOWS];
    double income_booked;
    double users[N_DRUGS], us_stock[N_PRODUCTS], revenue; /* last week's row: users, US stocks, revenue */
} InvariantsMark;

/** @brief Before a week: the stocks and ledgers of members, guns and cash (the World part of m). */
void invariants_mark(const struct World *w, InvariantsMark *m);

/** @brief Check the World and the week's metrics row just observed.
 *  Every week: every series finite; counts, masses, money, prices and dimensionless series
 *  non-negative (by the series' units), and shares (the series described as a share, and the HHI) at
 *  most 1; per organisation members, cash, guns and assault weapons non-negative, assault weapons at
 *  most the guns, the members tally equal to the members counted over its plazas; members on plazas
 *  non-negative and held only by active organisations.
 *  Conservation, when m is given (m's World part from invariants_mark before the week; its row part,
 *  last week's, is updated here): people (US users change by initiations less quits, lasting
 *  recoveries and overdose deaths, by drug), drug mass (produced = delivered + seized; US stocks change
 *  by deliveries and domestic supply less consumption, by product), members, guns and cash of the
 *  organisations (the stock changes by the sum of its ledger's flows, moves between plazas and
 *  organisations net to zero) and the flows that have series equal to them (recruits, arrests and
 *  killings, members killed by strikes, guns trafficked and seized, income booked against last week's
 *  revenue). Returns CS_OK, or CS_ERR_RUNTIME with err naming the replicate, week and series or
 *  organisation at fault. */
int invariants_check(const struct World *w, const double *row, InvariantsMark *m, Error *err);

#endif
