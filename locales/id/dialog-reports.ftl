## Dialog history and compliance.
## Sent with parse_mode HTML: names, units and comments arrive escaped.

dialog-history-header = 📋 <b>Dialog kinerja dengan { $name }</b>
dialog-history-mine-header = 📋 <b>Dialog kinerja Anda</b>
dialog-history-count = Dua belas bulan terakhir: { $count } dialog, terbaru di atas.
dialog-history-empty = Belum ada dialog yang dicatat dalam dua belas bulan terakhir.
dialog-history-entry = <b>{ $date }</b> · { $kind } · { $mode }
dialog-history-recorded-by = Dicatat oleh { $name }
dialog-history-recorder-unknown = (tidak diketahui)
dialog-history-kind = { $kind ->
    [klarifikasi] Klarifikasi ekspektasi
    [umpan-balik] Umpan balik berkelanjutan
    [evaluasi] Evaluasi kinerja
   *[other] { $kind }
}
dialog-history-mode = { $mode ->
    [tatap-muka] tatap muka
    [daring] daring
   *[other] { $mode }
}
dialog-history-follow-up-none = Tindak lanjut: tidak ada
dialog-history-follow-up = Tindak lanjut: { $what } ({ $done ->
    [yes] selesai
   *[no] belum selesai
})
dialog-history-follow-up-kind = { $follow_up ->
    [coaching] coaching
    [mentoring] mentoring
    [training] pelatihan
    [konseling] konseling
   *[other] { $follow_up }
}
dialog-history-giver = { $giver ->
    [atasan] oleh atasan
    [rekan-kerja] oleh rekan kerja
    [e-learning] melalui e-learning
    [pembelajaran-jarak-jauh] melalui pembelajaran jarak jauh
    [pelatihan-lain] melalui pelatihan lain
    [konselor-internal] oleh konselor internal
    [konselor-profesional] oleh konselor profesional
   *[other] { $giver }
}
dialog-history-ack = Tanggapan pegawai: { $ack ->
    [pending] belum ditanggapi
    [confirmed] dikonfirmasi
    [commented] dikonfirmasi dengan komentar
    [unacknowledged] tidak ditanggapi sampai batas waktu
   *[other] { $ack }
}
dialog-history-comment = Komentar: “{ $comment }”
dialog-history-unknown-employee = Pegawai ini tidak ditemukan; tombolnya mungkin dari data lama.
dialog-history-inactive = { $name } tidak lagi pegawai aktif; riwayatnya tidak ditampilkan di sini.

dialog-report-month = { $month ->
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
    [12] Desember
   *[other] { $month }
} { $year }
dialog-compliance-header =
    📊 <b>Kepatuhan dialog kinerja</b>
    Bulan: { $month } · Triwulan { $quarter }
dialog-compliance-total = Seluruh unit dalam cakupan Anda: { $employees } pegawai aktif; berdialog bulan ini { $month }, triwulan ini { $quarter }; belum berdialog triwulan ini { $missing }.
dialog-compliance-unit =
    <b>{ $unit }</b>
    { $employees } pegawai · berdialog bulan ini { $month } · triwulan ini { $quarter }
dialog-compliance-missing = Belum berdialog triwulan ini ({ $count }): { $names }
dialog-compliance-more-names = dan { $count } lainnya
dialog-compliance-all-held = Semua sudah berdialog triwulan ini ✅
dialog-compliance-more-units = … dan { $count } unit lain: lihat berkas CSV atau XLSX.
dialog-compliance-empty = Tidak ada pegawai aktif dalam cakupan Anda.
dialog-compliance-coaching-header = <b>Umpan balik coaching, gabungan semua unit dalam cakupan Anda (dua belas bulan terakhir)</b>
dialog-compliance-coaching-line = { $statement }: { $average } dari 4 ({ $answers } jawaban)
dialog-compliance-coaching-too-few = { $statement }: { $answers } jawaban (rata-rata ditampilkan mulai { $min } jawaban)
dialog-compliance-coaching-none = Belum ada umpan balik coaching.
dialog-compliance-file-prompt = Angka per pegawai, sebagai berkas:
dialog-compliance-csv-button = 📄 CSV
dialog-compliance-xlsx-button = 📊 XLSX
dialog-compliance-file-caption = Kepatuhan dialog kinerja, { $month }, triwulan { $quarter }: { $count } pegawai.
