/* market.h: US stocks, consumption and prices (model.md 4.4). */
#ifndef CARTELSIM_MARKET_H
#define CARTELSIM_MARKET_H

#include <stdint.h>

#include "drugs.h"

struct World;
struct Params;
struct Error;

typedef struct Market {
    int64_t stock_g[N_PRODUCTS];    /* US stocks (grams) */
    int64_t consumed_g[N_PRODUCTS]; /* taken by consumers this week */
    int64_t domestic_g[N_PRODUCTS]; /* supplied inside the US this week */
    double demand_kg[N_DRUGS];      /* illicit quantity demanded per week at the current price (opioids: heroin kg) */
    double retail[N_DRUGS];         /* US$2010 per g */
    double wholesale[N_DRUGS];      /* US$2010 per kg at the border */
    double fentanyl_share[N_DRUGS];
    double loss_sum[N_PRODUCTS], loss_ref[N_PRODUCTS];
    int ref_ready;                  /* reference losses measured (after the first year) */
} Market;

int market_init(struct World *w, struct Error *err);
/** @brief Stocks, consumption, fentanyl share and price adjustment for the week. */
void market_step(struct World *w);
/** @brief US stocks, consumption, wholesale prices, US domestic supply. */
void market_observe(const struct World *w, double *row);
void market_free(struct World *w);
/** @brief Kg of a product the organisations aim to ship this week (opioids: heroin-equivalent kg for
 *  PR_HEROIN), covering import demand, restoring stocks and grossed up for expected losses. */
double market_import_target_kg(const struct World *w, const struct Params *p, int product);
/** @brief Border prices of organisation o's deliveries of the week against their reference prices
 *  (quantity-weighted): how much more its exports are worth than at the reference (1 if it delivered
 *  nothing). */
double market_export_price_index(const struct World *w, int o);

#endif
