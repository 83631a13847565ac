"""The main window: its menus, toolbar and docks, its files, and the wiring of live training to its panels."""
