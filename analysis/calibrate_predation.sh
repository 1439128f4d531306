#!/usr/bin/env bash
# calibrate_predation.sh: the grid diversification.insecure_predation and
# diversification.predation_productivity were chosen on (docs/model.md 3.11, 2026-12-04): the
# baseline to 2012 only, 128 replicates a point, scored by analysis/territory_fit.py against ENVIPE's
# extortion losses of 2012 (the level) and SESNSP's kidnapping complaints of 2007 and 2011 (the rise,
# x3.07); its extortion-complaint ratio 2012/2007 (x2.33) is a check. Nothing after 2012 is run or read.
set -euo pipefail
here="$(dirname "$0")"
"$here/calibrate_grid.sh" --replicates 128 diversification.insecure_predation=4,6,8,10,14 \
  diversification.predation_productivity=6000,9000,12000,16000
