#!/usr/bin/env python3
"""Record an optnb-schedule/1 file from your own torch install.

Builds torch.optim.SGD(lr=BASE_LR) on one parameter, wraps it in a
torch.optim.lr_scheduler scheduler and records the rate in force at each
step (`lr = group["lr"]; optimizer.step(); scheduler.step()`), so that
`optnb replay FILE` can check optnb's scheduler against it. When the
scheduler cycles momentum (CyclicLR and OneCycleLR do by default), the SGD's
group["momentum"] before each step is recorded too, as `momentum`.

Example:
    scripts/record_schedule.py OneCycleLR --options '{"max_lr": 0.5, "total_steps": 60}' \\
        --steps 60 --out onecyclelr-momentum.json

Needs torch; not run by the test suite.
"""
import argparse
import json
import pathlib

import torch


def main():
    ap = argparse.ArgumentParser(description="Record a torch learning-rate schedule for optnb replay.")
    ap.add_argument("scheduler", help="torch.optim.lr_scheduler class name, e.g. OneCycleLR, CyclicLR")
    ap.add_argument("--options", default="{}", help='keyword arguments as JSON, e.g. \'{"max_lr": 0.5}\'')
    ap.add_argument("--base-lr", type=float, default=0.1, help="the SGD's lr when the scheduler is built")
    ap.add_argument("--steps", type=int, default=60, help="number of steps to record")
    ap.add_argument("--metrics", default=None,
                    help="ReduceLROnPlateau only: JSON list of the metric passed to step() after each step")
    ap.add_argument("--out", required=True, help="path of the JSON file to write")
    args = ap.parse_args()

    torch.set_default_dtype(torch.float64)
    options = json.loads(args.options)
    metrics = json.loads(args.metrics) if args.metrics is not None else None
    if metrics is not None and len(metrics) < args.steps:
        ap.error(f"--metrics has {len(metrics)} values; {args.steps} steps need as many")
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=args.base_lr)
    scheduler = getattr(torch.optim.lr_scheduler, args.scheduler)(optimizer, **options)
    cycles_momentum = getattr(scheduler, "cycle_momentum", False)

    group = optimizer.param_groups[0]
    lrs, momentum = [], []
    for k in range(args.steps):
        lrs.append(float(group["lr"]))
        momentum.append(float(group["momentum"]))
        optimizer.step()
        if metrics is not None:
            scheduler.step(metrics[k])
        else:
            scheduler.step()

    doc = {
        "format": "optnb-schedule/1",
        "name": pathlib.Path(args.out).stem,
        "source": f"torch {torch.__version__}",
        "scheduler": args.scheduler,
        "options": options,
        "base_lr": args.base_lr,
        "steps": args.steps,
        "lrs": lrs,
    }
    if cycles_momentum:
        doc["momentum"] = momentum
    if metrics is not None:
        doc["metrics"] = metrics[:args.steps]
    doc["tolerance"] = {"rtol": 1e-12, "atol": 1e-15}
    pathlib.Path(args.out).write_text(json.dumps(doc) + "\n")


if __name__ == "__main__":
    main()
