#!/usr/bin/env python3
"""Record an optnb-trajectory/1 file from your own torch install.

Runs one torch.optim optimizer on its single-tensor path (foreach=False) and
writes the initial parameters, every gradient and every parameter after each
step, so that `optnb replay FILE` can check optnb's optimizer against it.

Open loop (default): two parameters of shapes [3, 4] and [4] with seeded
random gradients. Closed loop (--linear): nn.Linear(3, 1) trained with
nn.MSELoss() on 16 seeded random samples, recording loss and gradients too.

With --scheduler, a torch.optim.lr_scheduler scheduler is stepped after every
optimizer step; the file then names it and records the lr (and the momentum,
or beta1, when the optimizer has one) in force before each step, which
`optnb replay` checks against optnb's scheduler. A scheduler torch refuses is
recorded as an error, like refused optimizer options.

Examples:
    scripts/record_trajectory.py Adam --options '{"lr": 0.01, "amsgrad": true}' \
        --dtype float32 --steps 40 --seed 1 --out adam-amsgrad-float32.json
    scripts/record_trajectory.py SGD --options '{"lr": 0.1, "momentum": 0.9}' \
        --scheduler OneCycleLR --scheduler-options '{"max_lr": 0.1, "total_steps": 30}' \
        --steps 30 --out onecyclelr-sgd-momentum.json

With --exact, torch runs with ATEN_CPU_CAPABILITY=default (its kernels then
use no fused multiply-add, so every result depends only on the order of the
operations) and the file asks for rtol = atol = 0: the bit-exact targets in
Tests/Fixtures/torch-exact/. For example:
    scripts/record_trajectory.py Adam --exact --options '{"lr": 0.01, "amsgrad": true}' \
        --dtype float32 --seed 1 --out Tests/Fixtures/torch-exact/adam-amsgrad-float32.json

Needs torch; not run by the test suite.
"""
import argparse
import json
import os
import pathlib


def flat(t):
    """Row-major Python floats (exact for float32 values too)."""
    return t.detach().reshape(-1).tolist()


def main():
    ap = argparse.ArgumentParser(description="Record a torch.optim trajectory for optnb replay.")
    ap.add_argument("optimizer", help="torch.optim class name, e.g. Adam, SGD, NAdam")
    ap.add_argument("--options", default="{}", help='keyword arguments as JSON, e.g. \'{"lr": 0.01}\'')
    ap.add_argument("--dtype", choices=["float32", "float64"], default="float64",
                    help="dtype of parameters, gradients and state (also torch's default dtype)")
    ap.add_argument("--steps", type=int, default=40, help="number of optimizer steps to record")
    ap.add_argument("--seed", type=int, default=0, help="torch.manual_seed for parameters, gradients, data")
    ap.add_argument("--linear", action="store_true", help="closed loop: nn.Linear(3, 1) with MSE loss")
    ap.add_argument("--lr-gamma", type=float, default=None,
                    help="multiply lr by this before every step after the first; records lr_schedule")
    ap.add_argument("--scheduler", default=None,
                    help="torch.optim.lr_scheduler class stepped after every step, e.g. OneCycleLR")
    ap.add_argument("--scheduler-options", default="{}",
                    help='the scheduler\'s keyword arguments as JSON, e.g. \'{"max_lr": 0.1, "total_steps": 30}\'')
    ap.add_argument("--exact", action="store_true",
                    help="run torch with ATEN_CPU_CAPABILITY=default (no FMA) and record zero tolerance")
    ap.add_argument("--out", required=True, help="path of the JSON file to write")
    args = ap.parse_args()
    if args.exact:
        # Read by torch when it loads its kernels: set before the import.
        os.environ["ATEN_CPU_CAPABILITY"] = "default"
    global torch
    import torch
    if args.scheduler is not None and args.lr_gamma is not None:
        ap.error("--lr-gamma and --scheduler both set the lr; give one of them")

    # Scalar state such as `step` and NAdam's `mu_product` lives in the
    # default dtype, so recording float32 needs float32 as the default.
    torch.set_default_dtype(getattr(torch, args.dtype))
    torch.manual_seed(args.seed)
    options = json.loads(args.options)
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in options.items()}

    if args.linear:
        model = torch.nn.Linear(3, 1)
        inputs, targets = torch.randn(16, 3), torch.randn(16, 1)
        params, names = [model.weight, model.bias], ["weight", "bias"]
    else:
        params = [torch.nn.Parameter(torch.randn(3, 4)), torch.nn.Parameter(torch.randn(4))]
        names = ["p0", "p1"]

    doc = {
        "format": "optnb-trajectory/1",
        "name": pathlib.Path(args.out).stem,
        "source": f"torch {torch.__version__} (CPU, foreach=False, default dtype = dtype)"
        + (", ATEN_CPU_CAPABILITY=default (no FMA): bit-exact target" if args.exact else ""),
        "optimizer": args.optimizer,
        "options": options,
        "dtype": args.dtype,
        "parameters": [{"name": n, "shape": list(p.shape), "initial": flat(p)} for n, p in zip(names, params)],
    }
    scheduler_options = json.loads(args.scheduler_options)
    if args.scheduler is not None:
        doc["scheduler"] = {"name": args.scheduler, "options": scheduler_options}
    scheduler = None
    try:
        optimizer = getattr(torch.optim, args.optimizer)(params, foreach=False, **kwargs)
        if args.scheduler is not None:
            scheduler = getattr(torch.optim.lr_scheduler, args.scheduler)(optimizer, **scheduler_options)
    except ValueError as error:  # torch refused the options: record the refusal
        doc.update(steps=[], error=str(error))
        optimizer = None

    if optimizer is not None:
        steps, schedule, momenta = [], [], []
        for k in range(args.steps):
            if args.lr_gamma is not None:
                for group in optimizer.param_groups:
                    if k > 0:
                        group["lr"] = group["lr"] * args.lr_gamma
                schedule.append(optimizer.param_groups[0]["lr"])
            elif scheduler is not None:
                group = optimizer.param_groups[0]
                schedule.append(group["lr"])
                # CyclicLR and OneCycleLR write beta1 when "betas" is in the
                # optimizer's defaults, else "momentum".
                if "betas" in optimizer.defaults:
                    momenta.append(group["betas"][0])
                elif "momentum" in optimizer.defaults:
                    momenta.append(group["momentum"])
            if args.linear:
                optimizer.zero_grad(set_to_none=True)
                loss = torch.nn.functional.mse_loss(model(inputs), targets)
                loss.backward()
                step = {"loss": loss.item(), "gradients": [flat(p.grad) for p in params]}
            else:
                for p in params:
                    p.grad = torch.randn_like(p)
                step = {"gradients": [flat(p.grad) for p in params]}
            optimizer.step()
            if scheduler is not None:
                scheduler.step()
            step["parameters"] = [flat(p) for p in params]
            steps.append(step)
        doc["steps"] = steps
        if args.lr_gamma is not None or scheduler is not None:
            doc["lr_schedule"] = schedule
        if momenta:
            doc["momentum_schedule"] = momenta
        if args.exact:
            doc["tolerance"] = {"rtol": 0, "atol": 0}
        else:
            doc["tolerance"] = {"rtol": 1e-10, "atol": 1e-12} if args.dtype == "float64" else {"rtol": 1e-4, "atol": 1e-6}
        if args.linear:
            doc["model"] = {"kind": "linear", "in_features": 3, "out_features": 1, "loss": "mse",
                            "inputs": flat(inputs), "targets": flat(targets), "samples": 16}

    pathlib.Path(args.out).write_text(json.dumps(doc) + "\n")


if __name__ == "__main__":
    main()
