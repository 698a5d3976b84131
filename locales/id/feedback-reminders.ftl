## 360 round messages queued by the scheduler: the opening message to each rater, reminders
## before the close (also HR's on demand), and "results ready" after it.

# $list: one colleague per line; $more: a new line and feedback-sched-more, or nothing.
feedback-sched-opening =
    📨 <b>Umpan balik perilaku 360°, { $period }</b>
    Anda diminta memberi umpan balik tentang perilaku kerja (BerAKHLAK) { $count } rekan:
    { $list }{ $more }

    Tekan nama untuk mulai: tujuh ketukan per orang, kurang dari satu menit. Jawaban Anda sebagai rekan setingkat atau bawahan tidak pernah ditampilkan bersama nama Anda. Hari terakhir: { $last_day }.
feedback-sched-more = … dan { $count } lainnya (tekan “Lihat semua”)
feedback-sched-see-all = Lihat semua
feedback-sched-reminder =
    ⌛ <b>Pengingat umpan balik 360°, { $period }</b>
    Masih ada { $count } rekan yang belum selesai Anda beri umpan balik. Hari terakhir: { $last_day }.
feedback-sched-list-button = Lihat daftar saya
feedback-sched-results =
    📈 <b>Hasil umpan balik 360° Anda untuk { $period } sudah tersedia</b>
    Hasil ditampilkan per kelompok penilai. Kelompok rekan setingkat atau bawahan yang jawabannya terlalu sedikit tidak ditampilkan, agar tidak ada penilai yang dapat dikenali.
feedback-sched-results-button = Lihat hasil saya
feedback-sched-team-results =
    👥 <b>Hasil umpan balik 360°, { $period }</b>
    Hasil { $count } bawahan Anda sudah tersedia.
feedback-sched-team-button = Lihat hasil tim
# The period a round covers: "Maret 2027", "Triwulan I 2027", "Semester II 2027", "Tahun 2027".
# $month: the month's name; $roman: I-IV; $number: 1-4.
feedback-sched-period = { $kind ->
        [month] { $month } { $year }
        [quarter] Triwulan { $roman } { $year }
        [semester] Semester { $roman } { $year }
       *[year] Tahun { $year }
    }
feedback-sched-month = { $month ->
        [1] Januari
        [2] Februari
        [3] Maret
        [4] April
        [5] Mei
        [6] Juni
        [7] Juli
        [8] Agustus
        [9] September
        [10] Oktober
        [11] November
       *[12] Desember
    }
# "Rabu, 31 Maret 2027"; $month is the month's name.
feedback-sched-date = { $weekday ->
        [1] Senin
        [2] Selasa
        [3] Rabu
        [4] Kamis
        [5] Jumat
        [6] Sabtu
       *[7] Minggu
    }, { $day } { $month } { $year }
