periods-usage = Perintah periode penilaian:
    /period — daftar periode
    /period open 2027-q1 — menetapkan dan membuka periode (bulan 2027-03, triwulan 2027-q1 s.d. 2027-q4, semester 2027-s1, tahun 2027)
    /period 2027-q1 — halaman periode: status, predikat organisasi, sebaran predikat
periods-bad-code = Periode tidak dikenali. Tulis bulan (2027-03), triwulan (2027-q1 s.d. 2027-q4, Triwulan IV sekaligus tahunan), semester (2027-s1) atau tahun (2027).
periods-none = Belum ada periode penilaian. Pengelola kinerja organisasi menetapkannya dengan /period open 2027-q1.
periods-list-title = Periode penilaian:
periods-line = • { $period } ({ $code }): { $state }
periods-state-open = dibuka — atasan dapat menilai
periods-state-closed = ditutup — penilaian selesai, dapat dibuka kembali
periods-state-locked = dikunci — final
periods-created = Periode { $period } ditetapkan dan dibuka. Atasan kini dapat menilai bawahannya dengan /predikat.
periods-reopened = Periode { $period } dibuka kembali. Atasan dapat menilai dan mengubah penilaian lagi.
periods-exists = Periode { $period } sudah ada ({ $state }).
periods-missing = Periode { $period } belum ditetapkan.
periods-gone = Periode ini tidak ditemukan.
periods-detail = Periode { $period } ({ $first } – { $last })
    Status: { $state }
    Predikat organisasi: { $org }
    Sudah dinilai: { $rated } dari { $count } pegawai dalam cakupan Anda
periods-org-none = belum dicatat
periods-org-needed = Catat predikat organisasi untuk melihat apakah sebaran ini sesuai pola SE MenPANRB 3/2023.
periods-distribution-title = Sebaran predikat pegawai:
periods-fits = Sebaran ini sesuai pola untuk predikat organisasi { $org }.
periods-outside = Untuk predikat organisasi { $org }, pola SE MenPANRB 3/2023 meminta:
periods-units-outside = Unit yang sebarannya di luar pola ({ $count }): { $units }
periods-more-units = {" "}dan { $count } unit lainnya
periods-consideration = Pola ini bahan pertimbangan pimpinan, bukan larangan: penilaian tetap tersimpan.
periods-close-button = Tutup periode
periods-reopen-button = Buka kembali
periods-lock-button = Kunci periode
periods-org-button = Predikat organisasi
periods-unit-results-button = Hasil kerja unit
periods-lock-ask = Kunci periode { $period }? Setelah dikunci, penilaian, dialog, dan jawaban 360 pada periode ini tidak dapat diubah lagi, dan periode tidak dapat dibuka kembali.
periods-lock-confirm-button = Ya, kunci
periods-locked-done = Periode dikunci.
periods-closed-done = Periode ditutup.
periods-reopened-done = Periode dibuka kembali.
periods-already = Periode sudah dalam status itu.
periods-already-locked = Periode ini sudah dikunci; tidak ada yang dapat diubah lagi.
periods-org-ask = Predikat organisasi untuk { $period } (ditetapkan pimpinan satu tingkat di atas):
periods-org-recorded = Predikat organisasi dicatat.
periods-units-ask = Pilih unit untuk mencatat hasil kerjanya pada { $period } (halaman { $page } dari { $pages }):
periods-unit-none = belum dicatat
periods-unit-ask = Hasil kerja unit { $unit } pada { $period } (sekarang: { $current }). Hasil ini menjadi rating hasil kerja kepala unit.
periods-unit-recorded = Hasil kerja unit { $unit } pada { $period } dicatat: { $rating }.
periods-inside-locked = Periode { $period } berada di dalam periode yang sudah dikunci; tidak dapat ditetapkan atau dibuka lagi.
periods-unit-heads-followed = Penilaian { $count } kepala unit yang sudah dinilai mengikuti hasil baru ini: rating hasil kerja dan predikatnya diperbarui dan perubahannya dicatat.
