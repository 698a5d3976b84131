# 360 results and aggregates.

feedback-results-mine = My results
