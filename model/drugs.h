/* drugs.h: the drugs of the US demand model. Every loop over drugs and every `drug` axis in the
 * output come from this one enum and label table. */
#ifndef CARTELSIM_DRUGS_H
#define CARTELSIM_DRUGS_H

enum Drug { DRUG_CANNABIS, DRUG_COCAINE, DRUG_OPIOIDS, DRUG_METH, N_DRUGS };

/* Labels as string-literal macros so that params.def can build "demand.cocaine.x" at compile time. */
#define DRUG_LABEL_0 "cannabis"
#define DRUG_LABEL_1 "cocaine"
#define DRUG_LABEL_2 "opioids"
#define DRUG_LABEL_3 "methamphetamine"

extern const char *const drugs_names[N_DRUGS];

/* Products of the supply side: what is grown, cooked, shipped and seized. Heroin and fentanyl both
 * serve the opioid market (fentanyl counted in heroin-equivalent doses there). */
enum Product { PR_CANNABIS, PR_COCAINE, PR_HEROIN, PR_METH, PR_FENTANYL, N_PRODUCTS };

extern const char *const drugs_product_names[N_PRODUCTS];
/** The drug market each product serves. */
extern const int drugs_product_drug[N_PRODUCTS];

#endif
