## Dialog reminders, quarterly flags, holidays.

# The month a reminder is about: "Januari 2027".
dialog-month-name = { $month ->
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
    } { $year }
# The quarter a flag is about: "Triwulan I 2027".
dialog-quarter-name = Triwulan { $quarter } { $year }
# $list: one subordinate per line; $more: a new line and dialog-reminder-more, or nothing.
dialog-reminder-first =
    📋 <b>Dialog kinerja { $month }</b>
    { $count ->
       *[other] { $count } bawahan Anda belum tercatat melakukan dialog kinerja bulan ini:
    }
    { $list }{ $more }

    Tekan nama untuk mulai mencatat dialognya.
dialog-reminder-follow-up =
    🔔 <b>Pengingat dialog kinerja { $month }</b>
    { $count ->
       *[other] Masih ada { $count } bawahan Anda yang belum tercatat melakukan dialog kinerja bulan ini:
    }
    { $list }{ $more }

    Tekan nama untuk mencatat dialognya sekarang.
dialog-reminder-more = { $count ->
       *[other] … dan { $count } orang lainnya (lihat /dialog)
    }
dialog-quarter-flag =
    ⚠️ <b>{ $quarter }: belum ada dialog kinerja</b>
    { $count ->
       *[other] { $count } bawahan Anda belum tercatat melakukan dialog kinerja sama sekali pada triwulan ini, yang berakhir { $last_day }:
    }
    { $list }{ $more }

    Dialog kinerja perlu dilaporkan paling sedikit sekali setiap triwulan. Tekan nama untuk mencatatnya.
dialog-quarter-escalation =
    📊 <b>{ $quarter }: pegawai tanpa dialog kinerja</b>
    { $count ->
       *[other] Di tim yang dipimpin bawahan langsung Anda, { $count } pegawai tidak tercatat melakukan dialog kinerja sepanjang triwulan itu:
    }
    { $list }{ $more }
# One subordinate supervisor's team in an escalation: their name, then who had no dialog.
dialog-escalation-team = • <b>{ $lead }</b> ({ $count } orang): { $names }
dialog-escalation-team-more = { $count ->
       *[other] dan { $count } lainnya
    }
dialog-escalation-more-teams = { $teams ->
       *[other] … dan { $teams } tim lainnya, { $count } orang
    }

holiday-weekday = { $day ->
        [1] Senin
        [2] Selasa
        [3] Rabu
        [4] Kamis
        [5] Jumat
        [6] Sabtu
       *[7] Minggu
    }
holiday-list-header = Hari libur mendatang (selain Sabtu dan Minggu, pengingat dialog kinerja bergeser ke hari kerja berikutnya):
holiday-list-item = • { $weekday }, { $date }{ $name }
holiday-list-item-added = • { $weekday }, { $date }{ $name } (ditambahkan lewat chat)
holiday-list-empty = Belum ada hari libur yang diatur untuk waktu mendatang. Hanya Sabtu dan Minggu yang bukan hari kerja.
holiday-usage =
    Mengubah hari libur (khusus pengelola kinerja organisasi):
    /holiday add TTTT-BB-HH [keterangan], misalnya /holiday add 2027-03-11 Cuti bersama Idul Fitri
    /holiday remove TTTT-BB-HH
holiday-bad-date = “{ $text }” bukan tanggal dengan format TTTT-BB-HH, misalnya 2027-03-11.
holiday-in-past = { $date } sudah lewat; hanya tanggal hari ini atau sesudahnya yang dapat diubah.
holiday-added = { $weekday }, { $date } kini hari libur{ $name }. Pengingat yang jatuh pada hari itu bergeser ke hari kerja berikutnya.
holiday-removed = { $weekday }, { $date } kini hari kerja lagi.
holiday-not-a-holiday = { $weekday }, { $date } memang bukan hari libur; tidak ada yang diubah.
