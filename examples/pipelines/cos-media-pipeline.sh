#!/usr/bin/env bash
# Every pipeline step of a cdktf-cos-media stack, in one place, so the CI files stay thin:
#
#   cos-media-pipeline.sh synth     synthesize the stack (cdktf.out/stacks/<stack>)
#   cos-media-pipeline.sh plan      terraform init + plan -out; the plan as JSON in $OUT_DIR/plan.json
#   cos-media-pipeline.sh report    cos-media plan-report -> $OUT_DIR/plan-report.md (post it on the pull request)
#   cos-media-pipeline.sh apply     apply the saved plan ($OUT_DIR/tfplan), or plan and apply when there is none
#   cos-media-pipeline.sh results   cos-media results --json (job ids, states, outputs) -> $OUT_DIR/results.json
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
    # Every resource's results (template ids, job ids, states, output keys) from the files the handler wrote
    # where the provisioners ran (the stack directory) or in COS_MEDIA_RESULTS_DIR. Exit 1 when a job failed;
    # the file is written either way.
    set +e
    $COS_MEDIA results "$STACK_DIR" --json ${COS_MEDIA_RESULTS_DIR:+--dir "$COS_MEDIA_RESULTS_DIR"} > "$OUT/results.json"
    rc=$?
    set -e
    echo "results: $OUT/results.json"
    exit "$rc"
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
