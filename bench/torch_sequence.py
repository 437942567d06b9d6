"""PyTorch reference for serlab's frame-level sequence model's training cost on this CPU.

The same architecture as lib/model/sequence on random data of the same shape (clips of T frames
of F descriptors, C classes, batch B, Adam, cross-entropy):
Conv1d(F, H, 5, same) -> ReLU -> Conv1d(H, H, 3, same) -> ReLU
  -> attention pooling: s_t = v . tanh(W h_t + b), alpha = softmax_t(s), p = sum_t alpha_t h_t
  -> Linear(H, C)
and prints one JSON line: {"framework": "pytorch ...", "threads": N, "train_samples_per_s": X},
X from the fastest of --epochs timed epochs after a warm-up one (the machine may be shared).

Set-up (Debian): apt-get install -y python3-torch ; run with /usr/bin/python3.
usage: /usr/bin/python3 bench/torch_sequence.py [--threads N] [--samples 1024] [--frames 108]
       [--features 64] [--classes 8] [--batch 32] [--hidden 64] [--attention 32] [--epochs 3]
"""
import argparse, json, os, time
import torch, torch.nn as nn

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=os.cpu_count())
p.add_argument("--samples", type=int, default=1024)
p.add_argument("--frames", type=int, default=108)
p.add_argument("--features", type=int, default=64)
p.add_argument("--classes", type=int, default=8)
p.add_argument("--batch", type=int, default=32)
p.add_argument("--hidden", type=int, default=64)
p.add_argument("--attention", type=int, default=32)
p.add_argument("--epochs", type=int, default=3)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)


class Sequence(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(a.features, a.hidden, 5, padding=2)
        self.conv2 = nn.Conv1d(a.hidden, a.hidden, 3, padding=1)
        self.att = nn.Linear(a.hidden, a.attention)
        self.v = nn.Linear(a.attention, 1, bias=False)
        self.out = nn.Linear(a.hidden, a.classes)

    def forward(self, x):  # x [N, T, F]
        h = torch.relu(self.conv1(x.transpose(1, 2)))
        h = torch.relu(self.conv2(h)).transpose(1, 2)  # [N, T, H]
        alpha = torch.softmax(self.v(torch.tanh(self.att(h))), dim=1)  # [N, T, 1]
        return self.out((alpha * h).sum(1))


x = torch.randn(a.samples, a.frames, a.features)
y = torch.randint(0, a.classes, (a.samples,))
model = Sequence()
opt = torch.optim.Adam(model.parameters(), 1e-3)
loss_fn = nn.CrossEntropyLoss()


def epoch():
    model.train()
    perm = torch.randperm(a.samples)
    for i in range(0, a.samples, a.batch):
        idx = perm[i:i + a.batch]
        opt.zero_grad()
        loss_fn(model(x[idx]), y[idx]).backward()
        opt.step()


epoch()  # warm-up
best = float("inf")
for _ in range(a.epochs):
    t = time.perf_counter()
    epoch()
    best = min(best, time.perf_counter() - t)
train = a.samples / best
print(json.dumps({"framework": "pytorch " + torch.__version__, "threads": a.threads,
                  "train_samples_per_s": round(train, 1)}))
