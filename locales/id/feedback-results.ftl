# 360 results and aggregates.

feedback-results-mine = Hasil saya
