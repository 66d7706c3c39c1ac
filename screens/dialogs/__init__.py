"""Modal dialogs: prompts and choices, export, import, new plan, snapshot, help."""
