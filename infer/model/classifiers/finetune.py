"""all-MiniLM-L6-v2 fine-tuned end to end with a softmax stance head and a sigmoid device head."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.metrics import f1_score

from infer.model.classifiers.base import (
    StatementClassifierMixin,
    as_frame,
    read_meta,
    statement_part,
)
from infer.model.classifiers.contrastive import contrastive_tune
from infer.model.classifiers.two_heads import TwoHeads, device_loss, stance_loss
from infer.model.encoder import MAX_LENGTH, length_sorted_batches, minilm_path
from infer.model.labels import DEVICES, STANCES

TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.txt",
    "special_tokens_map.json",
)


def _torch():
    import torch

    return torch


class FinetunedClassifier(StatementClassifierMixin, BaseEstimator):
    """End-to-end fine-tuning with early stopping on dev (stance macro-F1 + device micro-F1)."""

    family = "finetune"

    def __init__(
        self,
        input: str = "text",
        epochs: int = 8,
        patience: int = 2,
        batch_size: int = 16,
        learning_rate: float = 5e-5,
        head_learning_rate: float = 1e-3,
        weight_decay: float = 0.01,
        dropout: float = 0.1,
        device_loss_weight: float = 1.0,
        device_loss: str = "bce",
        focal_gamma: float = 2.0,
        contrastive_epochs: int = 0,
        contrastive_pairs: int = 2000,
        max_length: int = MAX_LENGTH,
        predict_batch_size: int = 64,
        length_sorted: bool = True,
        seed: int = 13,
    ) -> None:
        self.input = input
        self.epochs = epochs
        self.patience = patience
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.head_learning_rate = head_learning_rate
        self.weight_decay = weight_decay
        self.dropout = dropout
        self.device_loss_weight = device_loss_weight
        self.device_loss = device_loss
        self.focal_gamma = focal_gamma
        self.contrastive_epochs = contrastive_epochs
        self.contrastive_pairs = contrastive_pairs
        self.max_length = max_length
        self.predict_batch_size = predict_batch_size
        self.length_sorted = length_sorted
        self.seed = seed

    # -- tokenisation ---------------------------------------------------------------------
    def _encode(self, frame, idx):
        texts = [statement_part(frame["text"].iat[i], frame["cue"].iat[i], self.input) for i in idx]
        pair = [frame["context"].iat[i] for i in idx] if self.input.endswith("_context") else None
        return self.tokenizer_(
            texts,
            pair,
            padding=True,
            truncation="only_second" if pair else True,
            max_length=self.max_length,
            return_tensors="pt",
        )

    def _build(self, path: str) -> None:
        from transformers import AutoModel, AutoTokenizer

        self.tokenizer_ = AutoTokenizer.from_pretrained(path)
        self.model_ = TwoHeads(AutoModel.from_pretrained(path), self.dropout)

    # -- training -------------------------------------------------------------------------
    def fit(
        self,
        X,
        y,
        Y_devices,
        eval_set=None,
        natural_prior=None,
        on_epoch: Callable[[int, dict], None] | None = None,
    ):
        """Train; ``eval_set=(X_dev, y_dev, Y_dev)`` enables early stopping and per-epoch metrics."""
        from tqdm.auto import tqdm

        torch = _torch()
        torch.manual_seed(self.seed)
        rng = np.random.default_rng(self.seed)
        self._build(str(minilm_path()))
        frame, y, Y = as_frame(X), np.asarray(y), np.asarray(Y_devices, dtype=np.float32)
        if self.contrastive_epochs:
            self.contrastive_losses_ = contrastive_tune(
                self.model_,
                lambda idx: self._encode(frame, idx),
                y,
                self.contrastive_pairs,
                self.contrastive_epochs,
                self.batch_size,
                self.learning_rate,
                self.seed,
            )
        heads = [p for n, p in self.model_.named_parameters() if not n.startswith("encoder.")]
        body = [p for n, p in self.model_.named_parameters() if n.startswith("encoder.")]
        opt = torch.optim.AdamW(
            [
                {"params": body, "lr": self.learning_rate},
                {"params": heads, "lr": self.head_learning_rate},
            ],
            weight_decay=self.weight_decay,
        )
        total_steps = max(self.epochs * int(np.ceil(len(y) / self.batch_size)), 1)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / total_steps))
        ce = stance_loss(y)
        devices_loss = device_loss(Y, self.device_loss, self.focal_gamma)
        best, best_state, waited = -1.0, None, 0
        self.history_ = []
        for epoch in range(1, self.epochs + 1):
            self.model_.train()
            order = rng.permutation(len(y))
            total = 0.0
            steps = tqdm(
                range(0, len(order), self.batch_size),
                desc=f"epoch {epoch}/{self.epochs}",
                unit="step",
            )
            for i in steps:
                idx = order[i : i + self.batch_size]
                stance_logits, device_logits = self.model_(**self._encode(frame, idx))
                loss = ce(
                    stance_logits, torch.tensor(y[idx])
                ) + self.device_loss_weight * devices_loss(device_logits, torch.tensor(Y[idx]))
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model_.parameters(), 1.0)
                opt.step()
                sched.step()
                total += float(loss.detach()) * len(idx)
                steps.set_postfix(loss=f"{float(loss.detach()):.4f}")
            record = {"train_loss": total / len(y)}
            if eval_set is not None:
                logits, dev_proba = self._both(eval_set[0])
                record["dev_stance_macro_f1"] = f1_score(
                    eval_set[1], logits.argmax(1), average="macro"
                )
                record["dev_devices_micro_f1"] = f1_score(
                    np.asarray(eval_set[2]), dev_proba >= 0.5, average="micro", zero_division=0
                )
                score = record["dev_stance_macro_f1"] + record["dev_devices_micro_f1"]
                if score > best:
                    best, waited = score, 0
                    best_state = {
                        k: v.detach().clone() for k, v in self.model_.state_dict().items()
                    }
                else:
                    waited += 1
            self.history_.append(record)
            tqdm.write(f"epoch {epoch}: " + "  ".join(f"{k}={v:.4f}" for k, v in record.items()))
            if on_epoch is not None:
                on_epoch(epoch, record)
            if eval_set is not None and waited >= self.patience:
                break
        if best_state is not None:
            self.model_.load_state_dict(best_state)
        self.model_.eval()
        self.natural_prior_ = None if natural_prior is None else np.asarray(natural_prior, float)
        if eval_set is not None:
            self.calibrate(*eval_set)
        else:
            self.no_calibration(y)
        return self

    # -- inference ------------------------------------------------------------------------
    def _both(self, X):
        torch = _torch()
        frame = as_frame(X)
        n = len(frame)
        logits = np.zeros((n, len(STANCES)), dtype=np.float32)
        devices = np.zeros((n, len(DEVICES)), dtype=np.float32)
        self.model_.eval()
        backend = getattr(self, "onnx_session_", None)
        lengths = (
            [0] * n
            if not self.length_sorted
            else [
                len(t) + len(q) + (len(c) if self.input.endswith("_context") else 0)
                for t, q, c in zip(frame["text"], frame["cue"], frame["context"], strict=True)
            ]
        )
        with torch.inference_mode():
            for idx in length_sorted_batches(lengths, self.predict_batch_size):
                batch = self._encode(frame, idx)
                if backend is not None:
                    s, d = backend.run(
                        None, {k: v.numpy() for k, v in batch.items() if k in self.onnx_inputs_}
                    )
                else:
                    s, d = (t.numpy() for t in self.model_(**batch))
                logits[idx], devices[idx] = s, 1 / (1 + np.exp(-d))
        return logits, devices

    # -- persistence: safetensors weights + tokenizer files + JSON metadata ---------------
    def save(self, folder: str | Path) -> None:
        from safetensors.torch import save_file

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        state = {k: v.contiguous() for k, v in self.model_.state_dict().items()}
        save_file(state, str(folder / "model.safetensors"))
        self.model_.encoder.config.to_json_file(str(folder / "encoder_config.json"))
        src = minilm_path()
        for name in TOKENIZER_FILES:
            if (src / name).exists():
                shutil.copy(src / name, folder / name)
        self._save_meta(
            folder,
            {
                "family": self.family,
                "params": self.get_params(),
                "history": getattr(self, "history_", []),
            },
        )

    def tuned_parts(self, folder: Path) -> list[tuple[FinetunedClassifier, Path]]:
        """This model and the folder ``save`` writes it to (for ONNX export)."""
        return [(self, Path(folder))]

    @classmethod
    def load(cls, folder: str | Path, backend: str = "auto") -> FinetunedClassifier:
        """Load weights; ``backend`` 'onnx' uses the ONNX export (int8 first), 'auto' the int8 one if any."""
        from safetensors.torch import load_file
        from transformers import AutoTokenizer, BertConfig, BertModel

        folder = Path(folder)
        meta = read_meta(folder)
        model = cls(**meta["params"])
        model.tokenizer_ = AutoTokenizer.from_pretrained(str(folder))
        config = BertConfig(**json.loads((folder / "encoder_config.json").read_text("utf-8")))
        model.model_ = TwoHeads(BertModel(config, add_pooling_layer=False), model.dropout)
        model.model_.load_state_dict(load_file(str(folder / "model.safetensors")), strict=False)
        model.model_.eval()
        model.restore_calibration(meta)
        onnx_file = folder / (
            "model.int8.onnx" if (folder / "model.int8.onnx").exists() else "model.onnx"
        )
        # "auto" takes the int8 export only: on 2 CPU cores ONNX fp32 was slower than PyTorch
        # (bench/RESULTS.md), int8 about 1.8x faster.
        int8 = onnx_file.name == "model.int8.onnx"
        if (backend == "onnx" or (backend == "auto" and int8)) and onnx_file.exists():
            model.use_onnx(onnx_file)
        elif backend == "onnx":
            raise FileNotFoundError(f"{folder}: no model.onnx to run the ONNX backend")
        return model

    def use_onnx(self, path: str | Path | None) -> None:
        """Switch inference to ONNX Runtime (None switches back to PyTorch)."""
        if path is None:
            self.onnx_session_ = None
            return
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.onnx_session_ = ort.InferenceSession(
            str(path), opts, providers=["CPUExecutionProvider"]
        )
        self.onnx_inputs_ = {i.name for i in self.onnx_session_.get_inputs()}
