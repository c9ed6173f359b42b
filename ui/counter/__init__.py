"""The counter, where cashiers work: scan or search, the member panel, sale, refund, redemption,
enrolment, the survey and complaint dialogs, and the keyboard-wedge scanner detector."""
