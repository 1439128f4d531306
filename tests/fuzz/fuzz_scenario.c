/* fuzz_scenario.c: libFuzzer target for the scenario reader (scenario_text.c, scenario.c, libconfig).
 * Built only with clang (cmake -DCARTELSIM_FUZZ=ON, `make fuzz`), seeded with tests/scenario_corpus
 * and scenarios/. Every input must be either refused with an input error naming a file, or loaded;
 * a loaded scenario's resolved text (scenario_config_text) must load back to the same parameters.
 * Anything else (a crash, a sanitizer report, a failed property) is a finding: add the input to
 * tests/scenario_corpus with its expected message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    Scenario sc;
    Error err;
    error_clear(&err);
    int st = scenario_load_string(&sc, text, "fuzz.cfg", &err);
    if (st && (st != CS_ERR_INPUT || !err.file[0] || !err.msg[0])) {
        fprintf(stderr, "refused without a file or message: status %d, %s: %s\n", st, err.file, err.msg);
        abort();
    }
    if (!st && scenario_finalize(&sc, &err) == CS_OK) {
        char *resolved = scenario_config_text(&sc);
        Scenario back;
        Error e2;
        if (scenario_load_string(&back, resolved, "resolved", &e2) != CS_OK || scenario_finalize(&back, &e2) != CS_OK) {
            fprintf(stderr, "the resolved scenario does not load back: %s:%d: %s: %s\n", e2.file, e2.line, e2.key, e2.msg);
            abort();
        }
        if (memcmp(back.base.v, sc.base.v, sizeof sc.base.v) != 0 || back.n_changes != sc.n_changes) {
            fprintf(stderr, "the resolved scenario loads back to other parameters\n");
            abort();
        }
        scenario_free(&back);
        free(resolved);
    }
    scenario_free(&sc);
    free(text);
    return 0;
}
