## Dialog history and compliance.

