# 360 rounds and the rater's chat.

feedback-menu = Umpan balik perilaku (BerAKHLAK)
