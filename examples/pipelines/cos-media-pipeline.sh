#!/usr/bin/env bash
# Every pipeline step of a cdktf-cos-media stack, in one place, so the CI files stay thin:
#
#   cos-media-pipeline.sh synth     synthesize the stack (cdktf.out/stacks/<stack>)
#   cos-media-pipeline.sh plan      terraform init + plan -out; the plan as JSON in $OUT_DIR/plan.json
#   cos-media-pipeline.sh report    cos-media plan-report -> $OUT_DIR/plan-report.md (post it on the pull request)
#   cos-media-pipeline.sh apply     apply the saved plan ($OUT_DIR/tfplan), or plan and apply when there is none
#   cos-media-pipeline.sh results   what the apply did (job ids, states, outputs) -> $OUT_DIR/results.json
#   cos-media-pipeline.sh drift     cos-media drift --markdown -> $OUT_DIR/drift.md; exit 0 in sync, 2 drift, 1 error
#
# Environment (all optional):
#   STACK_DIR   the synthesized stack          (default: cdktf.out/stacks/enhance-pipeline)
#   OUT_DIR     plans, reports, results        (default: pipeline-out)
#   RUNNER      terraform | local              (default: terraform; `local` is the offline local runner, which
#               writes no Terraform JSON plan, so `report` only notes that)
#   COS_MEDIA   how to run the cos-media CLI   (default: npx --no-install cos-media)
#   SYNTH       the synth command              (default: npm run synth)
# Credentials (TENCENTCLOUD_SECRET_ID / _KEY / _SECURITY_TOKEN) come from the environment, i.e. the CI secret
# store; nothing here prints or stores them. COS_MEDIA_ENDPOINT points every request elsewhere (the emulator).
set -euo pipefail

step="${1:-}"
STACK_DIR="${STACK_DIR:-cdktf.out/stacks/enhance-pipeline}"
OUT_DIR="${OUT_DIR:-pipeline-out}"
RUNNER="${RUNNER:-terraform}"
COS_MEDIA="${COS_MEDIA:-npx --no-install cos-media}"
SYNTH="${SYNTH:-npm run synth}"

mkdir -p "$OUT_DIR"
OUT="$(cd "$OUT_DIR" && pwd)"

tf() { terraform -chdir="$STACK_DIR" "$@"; }

case "$step" in
  synth)
    $SYNTH
    test -f "$STACK_DIR/cdk.tf.json" || { echo "synth did not write $STACK_DIR/cdk.tf.json" >&2; exit 1; }
    ;;
  plan)
    if [ "$RUNNER" = local ]; then
      $COS_MEDIA plan "$STACK_DIR" | tee "$OUT/plan.txt"
      exit 0
    fi
    tf init -input=false -no-color
    set +e
    tf plan -input=false -no-color -detailed-exitcode -out="$OUT/tfplan"
    rc=$?
    set -e
    if [ "$rc" -eq 1 ]; then exit 1; fi
    tf show -json "$OUT/tfplan" > "$OUT/plan.json"
    echo "plan: $([ "$rc" -eq 2 ] && echo changes || echo 'no changes'); JSON plan in $OUT/plan.json"
    ;;
  report)
    if [ "$RUNNER" = local ]; then
      printf '## cos-media plan review\n\nThe local runner writes no Terraform JSON plan; see plan.txt.\n' > "$OUT/plan-report.md"
      exit 0
    fi
    $COS_MEDIA plan-report "$OUT/plan.json" > "$OUT/plan-report.md"
    cat "$OUT/plan-report.md"
    ;;
  apply)
    if [ "$RUNNER" = local ]; then
      $COS_MEDIA apply "$STACK_DIR"
      exit 0
    fi
    tf init -input=false -no-color
    if [ -f "$OUT/tfplan" ]; then
      tf apply -input=false -no-color "$OUT/tfplan"
    else
      tf apply -input=false -no-color -auto-approve
    fi
    ;;
  results)
    # `cos-media results` when this version has it; otherwise the results files the handler wrote in the
    # directory the provisioners ran in (the stack directory) or COS_MEDIA_RESULTS_DIR, as one JSON list.
    if $COS_MEDIA help 2>/dev/null | grep -q '^  results '; then
      $COS_MEDIA results "$STACK_DIR" --json > "$OUT/results.json"
    else
      dir="${COS_MEDIA_RESULTS_DIR:-$STACK_DIR/cos-media-results}"
      node -e '
        const fs = require("node:fs"), path = require("node:path");
        const dir = process.argv[1];
        const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
        const all = files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
        fs.writeFileSync(process.argv[2], JSON.stringify(all, null, 2) + "\n");
      ' "$dir" "$OUT/results.json"
    fi
    echo "results: $OUT/results.json"
    ;;
  drift)
    set +e
    $COS_MEDIA drift "$STACK_DIR" --markdown > "$OUT/drift.md"
    rc=$?
    set -e
    cat "$OUT/drift.md"
    exit "$rc"
    ;;
  *)
    echo "usage: $0 synth|plan|report|apply|results|drift" >&2
    exit 2
    ;;
esac
