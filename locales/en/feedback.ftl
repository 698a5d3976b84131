# 360 rounds and the rater's chat.

feedback-menu = Behaviour feedback (BerAKHLAK)
