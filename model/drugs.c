/* drugs.c: names of the drugs and products (drugs.h). */
#include "drugs.h"

const char *const drugs_names[N_DRUGS] = {DRUG_LABEL_0, DRUG_LABEL_1, DRUG_LABEL_2, DRUG_LABEL_3};
const char *const drugs_product_names[N_PRODUCTS] = {"cannabis", "cocaine", "heroin", "methamphetamine", "fentanyl"};
const int drugs_product_drug[N_PRODUCTS] = {DRUG_CANNABIS, DRUG_COCAINE, DRUG_OPIOIDS, DRUG_METH, DRUG_OPIOIDS};
