predikat-name-sangat-baik = Sangat Baik (very good)
predikat-name-baik = Baik (good)
predikat-name-butuh-perbaikan = Butuh Perbaikan (needs improvement)
predikat-name-kurang = Kurang/Misconduct (poor)
predikat-name-sangat-kurang = Sangat Kurang (very poor)
org-predikat-name-istimewa = Istimewa (outstanding)
org-predikat-name-baik = Baik (good)
org-predikat-name-butuh-perbaikan = Butuh Perbaikan / Cukup (needs improvement)
org-predikat-name-kurang = Kurang (poor)
org-predikat-name-sangat-kurang = Sangat Kurang (very poor)
predikat-distribution-line = { $predikat }: { $count } ({ $percent }%)
predikat-breach-at-most = { $group } should be at most { $pct }%; now { $now }% ({ $count ->
        [one] 1 person
       *[other] { $count } people
    }).
predikat-breach-at-least = { $group } should be at least { $pct }%; now { $now }% ({ $count ->
        [one] 1 person
       *[other] { $count } people
    }).
predikat-breach-at-least-one = Someone should hold { $group }; nobody does yet.
predikat-breach-largest = { $group } should be the largest group; now { $now }% ({ $count ->
        [one] 1 person
       *[other] { $count } people
    }), and another group is as large or larger.
