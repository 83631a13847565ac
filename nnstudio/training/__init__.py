"""Training a project, without Qt: the run (runner), the live session and the engine process that
hosts it, snapshots and probes, the pace, previews, training health, and the step-by-step
walkthrough and its text (explain). The window and the command line both build on it."""
