# 360 rounds and the rater's chat.

feedback-menu = Umpan balik perilaku (BerAKHLAK). Pilih:
feedback-menu-open = Umpan balik perilaku (BerAKHLAK). Ada { $count } rekan yang menunggu penilaian Anda.
feedback-rate-button = Nilai rekan ({ $count } tersisa)
feedback-rounds-button = Putaran 360 (HR)
feedback-list-done = ✅ { $name }
feedback-list-open = ▫️ { $name } ({ $answered }/7)
feedback-list-all = Lihat semua
feedback-list-header = 🗳 Rekan yang Anda nilai: { $open } dari { $total } belum selesai. Ketuk nama untuk mulai atau melanjutkan.
feedback-list-empty = Tidak ada rekan yang perlu Anda nilai saat ini.
feedback-rating-di-bawah = Di bawah
feedback-rating-sesuai = Sesuai
feedback-rating-di-atas = Di atas
# $guidelines: the value's guideline statements, one per line.
feedback-question =
    { $name } · { $n }/{ $total }

    { $value }
    { $guidelines }

    Dibanding ekspektasi, perilakunya:
feedback-summary =
    { $name }: semua nilai tersimpan.
    { $lines }

    Komentar: { $comment }

    Ketuk nilai untuk mengubahnya, tulis komentar (opsional), lalu Selesai.
feedback-no-comment = (tidak ada)
feedback-change-button = ✏️ { $value }
feedback-comment-button = 💬 Komentar
feedback-submit-button = ✅ Selesai
feedback-missing = Penilaian ini tidak ditemukan.
feedback-not-open = Putaran ini belum dibuka.
feedback-closed = Putaran ini sudah ditutup; jawaban tidak dapat diubah lagi.
feedback-locked = Periode penilaian putaran ini sudah dikunci pengelola kinerja; jawaban tidak dapat diubah lagi.
feedback-comment-ask = Tulis komentar singkat untuk { $name } (paling banyak { $max } karakter). Komentar ditampilkan tanpa nama Anda. /cancel untuk batal.
feedback-comment-too-long = Komentar terlalu panjang: { $length } karakter, paling banyak { $max }. Silakan persingkat dan kirim lagi.
feedback-incomplete = Masih ada nilai yang belum dijawab.
feedback-saved = Tersimpan. Terima kasih!
feedback-done = ✅ Penilaian untuk { $name } tersimpan. Rekan tersisa: { $left }.
feedback-round-usage =
    Perintah putaran 360:
    /round — daftar putaran
    /round open <periode> <buka> <tutup> — buka putaran, mis. /round open 2027-q1 2027-03-22 2027-04-02
    /round extend <nomor> <tanggal> — perpanjang penutupan
    Periode: 2027-03 (bulan), 2027-q1 (triwulan), 2027-s1 (semester), 2027 (tahun). Tanggal: YYYY-MM-DD.
feedback-round-bad-period = Periode tidak dikenali. Tulis 2027-03 (bulan), 2027-q1 (triwulan), 2027-s1 (semester) atau 2027 (tahun).
feedback-round-bad-date = Tanggal tidak dikenali. Tulis sebagai YYYY-MM-DD, mis. 2027-03-22.
feedback-round-opens-in-past = Tanggal buka sudah lewat. Pilih hari ini atau tanggal setelahnya.
feedback-round-close-before-open = Tanggal tutup tidak boleh sebelum tanggal buka.
feedback-round-open-button = ✅ Buka putaran
feedback-round-discard-button = Batal
feedback-round-whole-organisation = seluruh organisasi
feedback-round-preview =
    Pratinjau putaran 360 { $period }
    Cakupan: { $scope }
    Dibuka { $opens }, ditutup { $closes } (akhir hari)
    Pegawai yang dinilai: { $ratees }
    Penilai: { $raters }
    Penugasan penilaian: { $assignments }
feedback-round-inactive = Tidak aktif, tidak dinilai dan tidak menilai ({ $count }): { $names }
feedback-round-unlinked = Penilai belum menautkan akun Telegram, belum bisa menerima pesan ({ $count }): { $names }
feedback-round-no-supervisor = Atasan tidak ditemukan, dinilai tanpa atasan ({ $count }): { $names }
feedback-round-duplicate = NIP ganda, tidak diikutkan ({ $count }): { $names }
feedback-round-more-names = { " " }dan { $count } lainnya
feedback-round-discarded = Putaran dibatalkan; tidak ada yang disimpan.
feedback-round-opened = Putaran #{ $id } ({ $period }) tersimpan. { $raters } penilai menerima pesan pada { $opens }.
feedback-round-overlaps = Sudah ada putaran #{ $id } untuk periode ini yang mencakup sebagian pegawai yang sama. Tutup atau tunggu putaran itu selesai.
feedback-round-empty = Tidak ada pegawai aktif dengan penilai dalam cakupan Anda.
feedback-round-missing = Putaran tidak ditemukan dalam cakupan Anda.
feedback-round-extended = Putaran #{ $id } kini ditutup pada { $closes }.
feedback-round-close-in-past = Tanggal tutup baru sudah lewat.
feedback-round-already-closed = Putaran ini sudah ditutup dan tidak dapat dibuka lagi.
feedback-round-not-open-yet = Putaran ini belum dibuka.
feedback-round-status-closed = ditutup
feedback-round-status-open = berjalan
feedback-round-status-upcoming = akan dibuka
feedback-rounds-empty = Belum ada putaran 360 dalam cakupan Anda. Buka dengan /round open <periode> <buka> <tutup>, mis. /round open 2027-q1 2027-03-22 2027-04-02
feedback-round-line = #{ $id } · { $period } · { $opens } s.d. { $closes } · { $status }
feedback-rounds-header = Putaran 360 dalam cakupan Anda:
feedback-round-detail =
    Putaran #{ $id } · { $period } · { $status }
    { $opens } s.d. { $closes }
    Selesai: { $complete } dari { $total } penilaian ({ $percent }%)

    Per unit (unit penilai):
feedback-round-unit-line = • { $unit }: { $complete }/{ $total } ({ $percent }%), { $behind } penilai belum selesai
feedback-round-notice-counts = Saat dibuat: { $unlinked } penilai belum menautkan akun, { $inactive } pegawai tidak aktif.
feedback-round-remind-button = 🔔 Ingatkan { $unit } ({ $count })
feedback-round-close-button = Tutup sekarang
feedback-round-close-confirm-button = Ya, tutup sekarang
feedback-round-close-ask = Tutup putaran #{ $id } ({ $period }) sekarang? Jawaban tidak dapat diubah lagi dan hasil segera tersedia.
feedback-round-closed = Putaran #{ $id } ditutup. Hasil tersedia untuk pegawai dan atasan.
feedback-round-not-running = Putaran ini sedang tidak berjalan.
feedback-round-reminded = Pengingat dikirim ke { $count } penilai.
feedback-round-storing = Menyimpan putaran…
feedback-round-not-later = Perpanjangan harus setelah tanggal tutup sekarang. Untuk mengakhiri lebih awal, gunakan "Tutup sekarang" pada halaman putaran.
feedback-comment-remove-button = 🗑 Hapus komentar
feedback-comment-removed = Komentar dihapus.
feedback-list-more = { $count } rekan lainnya: ketuk "Lihat semua".
