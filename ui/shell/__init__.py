"""The window around the screens: the app's start (`app`), the main window and its sidebar, sign-in
and the idle lock, the crash dialog, About, the database guard, recovery on a damaged database,
the daily job's timer, the self-test's Qt checks, fitting the window to the screen, and loading
translations. May import every other ui package."""
