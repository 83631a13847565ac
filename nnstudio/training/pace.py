"""The training pace: how many steps a second a session may train, so a run can be watched.

A pace is a number of steps a second, or FULL (as fast as the engine goes), or AUTO (the rule in
`auto_pace`). It is a window setting, not part of the project file: the window hands it to the
session, which holds it by sleeping between batches (see `Pacer`).
"""
from __future__ import annotations

import math
import time
from collections import deque
from typing import Callable, Union

AUTO, FULL = "auto", "full"
Pace = Union[float, str]        # steps a second (> 0), AUTO or FULL
# The speed control's choices, slow motion to fast (steps a second); FULL comes after them.
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)

# AUTO's rule (see auto_pace).
FEW_SECONDS = 3.0           # a full-speed run shorter than this is over before it can be watched
WATCH_SECONDS = 60.0        # ... so it is paced to last about this long,
SLOWEST_AUTO, FASTEST_AUTO = 100.0, 200.0   # ... at a pace within these bounds (steps a second)
# A step's cost at full speed, to tell how long a run would take: a fixed cost (the engine's
# Python per batch, ~26 µs for the XOR examples on one core) plus one per multiply-add of the
# forward and backward passes (rows of the batch × weights).
STEP_SECONDS = 30e-6
MULTIPLY_ADD_SECONDS = 1e-9
# A step that starts late by up to this much (a busy machine wakes a sleeping thread late) is made
# up by shorter waits after it; later than that, the schedule starts afresh instead of rushing.
CATCH_UP = 0.05


def check_pace(value: object) -> Pace:
    """`value` as a Pace: AUTO, FULL or a positive finite number; ValueError otherwise."""
    if value in (AUTO, FULL):
        return str(value)
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise ValueError(f"a pace is 'auto', 'full' or steps a second, not {value!r}") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"a pace is 'auto', 'full' or a positive number of steps a second, not {value!r}")
    return float(value)


def full_speed_seconds(steps: int, rows: int, weights: int) -> float:
    """About how long `steps` batches of `rows` rows take at full speed on a network of `weights`."""
    return steps * (STEP_SECONDS + rows * weights * MULTIPLY_ADD_SECONDS)


def auto_pace(steps: int, rows: int, weights: int) -> float | None:
    """AUTO's steps a second for a run of `steps` batches of `rows` rows on `weights` weights, or
    None for full speed.

    The rule: a run that full speed would finish within FEW_SECONDS (tiny networks: the XOR
    examples do ~38,000 steps a second) is paced to last about WATCH_SECONDS, at 100 to 200 steps
    a second; every other run trains at full speed. So the default XOR project (1,000 full-batch
    steps, solved after ~90) trains at 100 steps a second, its plateau and drop in the first
    second or two; the 5-hidden XOR example (10,000 steps, a plateau until ~2,400) at ~167, its
    plateau lasting ~15 s; and anything bigger or longer as fast as it can."""
    if full_speed_seconds(steps, rows, weights) >= FEW_SECONDS:
        return None
    return min(max(steps / WATCH_SECONDS, SLOWEST_AUTO), FASTEST_AUTO)


class Pacer:
    """Holds a session to its pace: `wait()` is how long to wait before the next step, `stepped()`
    marks a step's start. Steps are due one interval apart, start to start, so the engine's own
    time is part of each interval; a step that starts late by up to CATCH_UP is made up, so the pace
    holds on a busy machine, and a run slower than its pace never waits (nor rushes afterwards).

    `set` may be called from any thread (it only replaces floats); the rest belongs to the
    training thread. `clock` is injectable, so tests can count steps over a fake one."""

    def __init__(self, pace: Pace = FULL, clock: Callable[[], float] = time.perf_counter) -> None:
        self.clock = clock
        self.choice: Pace = check_pace(pace)
        self.auto: float | None = None          # AUTO's steps a second once decided (None: full speed)
        self.decided = False                    # AUTO's rule has been applied for this session
        self.interval = 0.0                     # seconds from one step's start to the next; 0: full speed
        self._t_step = -math.inf                # when the last step started
        self._due = -math.inf                   # when the next one may start
        self._update()

    def set(self, pace: Pace) -> None:
        """A new pace, in force from the next step."""
        self.choice = check_pace(pace)
        self._update()

    def decide_auto(self, steps: int, rows: int, weights: int) -> None:
        """Apply AUTO's rule to this session's run (once: a later restart keeps the pace)."""
        if not self.decided:
            self.auto, self.decided = auto_pace(steps, rows, weights), True
            self._update()

    def steps_per_s(self) -> float | None:
        """The pace in force, or None for full speed."""
        return 1.0 / self.interval if self.interval > 0 else None

    def wait(self) -> float:
        """Seconds to wait before the next step may start (0 or less: now)."""
        return self._due - self.clock() if self.interval > 0 else 0.0

    def stepped(self) -> None:
        now = self._t_step = self.clock()
        late = now - self._due
        self._due = (self._due if late <= CATCH_UP else now) + self.interval

    def started(self) -> bool:
        """A step has been taken (the next wait counts from it)."""
        return self._t_step > -math.inf

    def _update(self) -> None:
        choice = self.choice
        rate = self.auto if choice == AUTO else None if choice == FULL else float(choice)
        self.interval = 1.0 / rate if rate else 0.0
        self._due = self._t_step + self.interval    # a new pace counts from the last step's start


class RateMeter:
    """The speed a run reaches: steps a second over the last ~2 s of training time."""

    def __init__(self, span: float = 2.0) -> None:
        self.span = span
        self._marks: deque[tuple[float, int]] = deque()     # (training seconds, steps done)

    def measure(self, active: float, steps: int, left: int | None) -> tuple[float, float | None]:
        """Steps a second at `active` seconds of training with `steps` done, and the seconds the
        `left` steps will take at that speed (None: no end, or no speed yet)."""
        marks = self._marks
        marks.append((active, steps))
        while len(marks) > 2 and active - marks[1][0] >= self.span:
            marks.popleft()
        elapsed = active - marks[0][0]
        per_s = (steps - marks[0][1]) / elapsed if elapsed > 0 else 0.0
        if left is None or per_s <= 0:
            return per_s, None
        return per_s, max(left, 0) / per_s
