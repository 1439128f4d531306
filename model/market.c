/* market.c: US stocks, consumption and prices (model.md 4.4; risks and prices, Reuter & Kleiman 1986).
 *
 * Deliveries and US domestic production enter US stocks; consumers take what they demand at the
 * current retail price, as far as stocks allow (opioid demand is met by heroin and fentanyl in
 * proportion to their heroin-equivalent stocks, which gives the fentanyl share). The wholesale (border)
 * price compensates traffickers for seizures: W = W_ref (1 - L_ref) / (1 - L), L the smoothed share of
 * shipments seized and L_ref its level over the first simulated year (so prices start at their
 * reference). Retail prices carry the wholesale change in dollars (additive markup), so that a
 * doubling of the import price, about 12% of the retail price of cocaine (Reuter 1994), raises retail
 * prices about 12%; they move toward that level by partial adjustment and respond to stocks short of
 * or above their target cover. With market.endogenous = 0, demand keeps reading the exogenous levers. */
#include "market.h"

#include <math.h>
#include <string.h>

#include "world.h"

static const int drug_product[N_DRUGS] = {PR_CANNABIS, PR_COCAINE, PR_HEROIN, PR_METH};

/* Fixed bounds of the price model. They are guards, not behaviour: none binds in the scenarios of
 * scenarios/ (there the smoothed loss stays below 0.75 and retail prices within a factor of two of
 * their references), and each keeps a formula finite where its input can reach 0 or 1.
 *
 * Highest smoothed share of shipments seized, L, that the market responds to, one bound for both uses
 * of 1/(1 - L): the traffickers gross up their shipments by it (market_import_target_kg) and the
 * border price compensates them by it (W = W_ref (1 - L_ref) / (1 - L)). One expected loss drives
 * both, so a loss above the bound changes neither: traffickers never plan to ship more than 10 times
 * what they mean to deliver, nor are paid more than 10 (1 - L_ref) times the reference price. */
#define MAX_LOSS 0.9
/* Endogenous retail prices stay within RETAIL_MIN_FACTOR to RETAIL_MAX_FACTOR times the reference
 * (demand.<drug>.price_ref), so that they stay positive and finite under any lever: the
 * constant-elasticity demand and its calibration are not meant for prices orders of magnitude away
 * from the reference. The price target R_ref + (W - W_ref) is floored at the lower bound, which it can
 * reach only with an import share above 0.9 (W >= W_ref (1 - L_ref)). */
#define RETAIL_MIN_FACTOR 0.1
#define RETAIL_MAX_FACTOR 100.0
/* Stock cover (weeks of import demand) below which empty US stocks count as this cover, so that the
 * inventory response log(target cover / cover) stays finite: at the default 4 weeks' target and
 * inventory_response 0.05, empty stocks raise prices by at most a fifth a week. */
#define MIN_COVER_WEEKS 0.1

static double ref_wholesale(const Params *p, int d)
{
    return PD(p, P_MKT_IMPORT_SHARE, d) * PD(p, P_DEM_PRICE_REF, d) * 1000.0;
}

/* Stock available for drug d in its own units (opioids: heroin-equivalent grams). */
static double stock_eq_g(const World *w, const Params *p, int d)
{
    const Market *m = &w->market;
    if (d == DRUG_OPIOIDS)
        return (double)m->stock_g[PR_HEROIN] + (double)m->stock_g[PR_FENTANYL] * PV(p, P_SUP_FENT_POTENCY);
    return (double)m->stock_g[drug_product[d]];
}

static void update_demand(World *w, const Params *p)
{
    for (int d = 0; d < N_DRUGS; d++) {
        double kg = demand_weekly_kg(w, p, d, w->market.retail[d]);
        if (d == DRUG_CANNABIS)
            kg *= 1.0 - w->demand.legal_share;
        w->market.demand_kg[d] = kg;
    }
}

double market_import_target_kg(const World *w, const Params *p, int product)
{
    const int d = drugs_product_drug[product];
    const double imp = w->market.demand_kg[d] * (1.0 - PD(p, P_SUP_DOMESTIC, d));
    if (imp <= 0)
        return 0;
    const double cover = PV(p, P_TRF_COVER), want = cover * imp;
    const double gap = (want - stock_eq_g(w, p, d) / 1000.0) / want;
    const double loss = fmin(w->traffic.loss[product == PR_FENTANYL ? PR_HEROIN : product], MAX_LOSS);
    return fmax(0.0, imp * (1.0 + PV(p, P_TRF_RESTOCK) * gap) / (1.0 - loss));
}

int market_init(World *w, Error *err)
{
    (void)err;
    const Params *p = &w->p;
    Market *m = &w->market;
    memset(m, 0, sizeof *m);
    for (int d = 0; d < N_DRUGS; d++) {
        m->retail[d] = PD(p, P_DEM_PRICE_REF, d);
        m->wholesale[d] = ref_wholesale(p, d);
        m->fentanyl_share[d] = PD(p, P_MKT_FENTANYL_SHARE, d);
    }
    update_demand(w, p);
    for (int d = 0; d < N_DRUGS; d++) /* stocks start at their target cover */
        m->stock_g[drug_product[d]] =
            (int64_t)llround(m->demand_kg[d] * (1.0 - PD(p, P_SUP_DOMESTIC, d)) * PV(p, P_TRF_COVER) * 1000.0);
    return CS_OK;
}

void market_step(World *w)
{
    const Params *p = &w->p;
    const int tick = w->tick;
    Market *m = &w->market;
    const int endogenous = (int)PV(p, P_MKT_ENDOGENOUS);
    if (!endogenous)
        for (int d = 0; d < N_DRUGS; d++)
            m->retail[d] = PD(p, P_MKT_RETAIL_PRICE, d);
    update_demand(w, p);
    const double potency = PV(p, P_SUP_FENT_POTENCY);
    for (int k = 0; k < N_PRODUCTS; k++) {
        const int d = drugs_product_drug[k];
        m->domestic_g[k] = (k == PR_FENTANYL || k == PR_HEROIN)
                               ? 0
                               : (int64_t)llround(m->demand_kg[d] * PD(p, P_SUP_DOMESTIC, d) * 1000.0);
        m->stock_g[k] += w->traffic.delivered_g[k] + m->domestic_g[k];
        m->consumed_g[k] = 0;
    }
    for (int d = 0; d < N_DRUGS; d++) {
        const int64_t want = (int64_t)llround(m->demand_kg[d] * 1000.0);
        if (d != DRUG_OPIOIDS) {
            const int k = drug_product[d];
            m->consumed_g[k] = want < m->stock_g[k] ? want : m->stock_g[k];
            continue;
        }
        const double avail = stock_eq_g(w, p, d);
        const double take = fmin((double)want, avail);
        int64_t fent = avail > 0 ? (int64_t)floor(take * ((double)m->stock_g[PR_FENTANYL] * potency / avail) / potency) : 0;
        fent = fent < m->stock_g[PR_FENTANYL] ? fent : m->stock_g[PR_FENTANYL];
        int64_t heroin = (int64_t)floor(fmax(0.0, take - (double)fent * potency));
        heroin = heroin < m->stock_g[PR_HEROIN] ? heroin : m->stock_g[PR_HEROIN];
        m->consumed_g[PR_FENTANYL] = fent;
        m->consumed_g[PR_HEROIN] = heroin;
        const double eq = (double)heroin + (double)fent * potency;
        if (endogenous && eq > 0)
            m->fentanyl_share[d] = (double)fent * potency / eq;
    }
    for (int k = 0; k < N_PRODUCTS; k++)
        m->stock_g[k] -= m->consumed_g[k];
    if (!endogenous)
        for (int d = 0; d < N_DRUGS; d++)
            m->fentanyl_share[d] = PD(p, P_MKT_FENTANYL_SHARE, d);
    /* Reference losses: the first simulated year, by definition of the reference prices; its whole
     * weekly ticks (52 of the WEEKS_PER_YEAR = 52.18 a year has). */
    const int ref_weeks = (int)WEEKS_PER_YEAR;
    if (!m->ref_ready) {
        for (int k = 0; k < N_PRODUCTS; k++)
            m->loss_sum[k] += w->traffic.loss[k];
        if (tick + 1 >= ref_weeks) {
            for (int k = 0; k < N_PRODUCTS; k++)
                m->loss_ref[k] = m->loss_sum[k] / ref_weeks;
            m->ref_ready = 1;
        }
    }
    for (int d = 0; d < N_DRUGS; d++) {
        const int k = drug_product[d];
        const double W0 = ref_wholesale(p, d);
        const double imp = m->demand_kg[d] * (1.0 - PD(p, P_SUP_DOMESTIC, d));
        const double cover = imp > 0 ? fmax(stock_eq_g(w, p, d) / 1000.0 / imp, MIN_COVER_WEEKS) : PV(p, P_TRF_COVER);
        /* Scarcity: importers bid up the border price when US stocks run short of their cover. */
        const double scarcity = endogenous ? pow(fmax(PV(p, P_TRF_COVER) / cover, 1.0), PV(p, P_MKT_SCARCITY)) : 1.0;
        m->wholesale[d] = (m->ref_ready ? W0 * (1 - m->loss_ref[k]) / (1 - fmin(w->traffic.loss[k], MAX_LOSS)) : W0) *
                          fmin(scarcity, RETAIL_MAX_FACTOR);
        if (!endogenous)
            continue;
        const double R0 = PD(p, P_DEM_PRICE_REF, d);
        const double target = fmax(R0 + (m->wholesale[d] - W0) / 1000.0, RETAIL_MIN_FACTOR * R0);
        const double step = PV(p, P_MKT_ADJUST) * log(target / m->retail[d]) +
                            PV(p, P_MKT_INVENTORY) * log(PV(p, P_TRF_COVER) / cover);
        m->retail[d] = fmin(fmax(m->retail[d] * exp(step), RETAIL_MIN_FACTOR * R0), RETAIL_MAX_FACTOR * R0);
    }
}

/* Border prices of o's deliveries of the week (grams by product; fentanyl counted in heroin-equivalent
 * grams) against their reference prices, weighted by quantity: 1 where nothing was delivered. */
double market_export_price_index(const World *w, int o)
{
    const Market *m = &w->market;
    const int64_t *g = w->traffic.org_delivered_g + (size_t)o * N_PRODUCTS;
    double now = 0, ref = 0;
    for (int k = 0; k < N_PRODUCTS; k++) {
        const int d = drugs_product_drug[k];
        const double q = (double)g[k] * (k == PR_FENTANYL ? PV(&w->p, P_SUP_FENT_POTENCY) : 1.0);
        now += q * m->wholesale[d];
        ref += q * ref_wholesale(&w->p, d);
    }
    return ref > 0 ? now / ref : 1.0;
}

void market_observe(const World *w, double *row)
{
    const MetricsLayout *L = &w->sc->layout;
    const Market *m = &w->market;
    for (int k = 0; k < N_PRODUCTS; k++) {
        row[metrics_offset(L, M_CONSUMED) + k] = (double)m->consumed_g[k] / 1000.0;
        row[metrics_offset(L, M_US_STOCK) + k] = (double)m->stock_g[k] / 1000.0;
        row[metrics_offset(L, M_DOMESTIC) + k] = (double)m->domestic_g[k] / 1000.0;
    }
    for (int d = 0; d < N_DRUGS; d++)
        row[metrics_offset(L, M_WHOLESALE) + d] = m->wholesale[d];
}

void market_free(World *w)
{
    memset(&w->market, 0, sizeof w->market);
}
