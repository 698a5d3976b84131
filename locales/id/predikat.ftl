## Predikat kinerja: penilaian atasan pada akhir periode (/predikat).
## Kartu bahan penilaian dikirim dengan parse_mode HTML: nama dan teks sudah di-escape.
## Pertanyaan, pratinjau dan daftar tim berupa teks biasa.

cmd-predikat = Predikat: nilai hasil dan perilaku kerja bawahan

## Memilih periode.

predikat-no-subordinates = Anda tidak memiliki bawahan langsung yang aktif dalam data organisasi, jadi tidak ada yang Anda nilai. /predikat dipakai atasan untuk menilai hasil kerja dan perilaku kerja bawahan langsungnya pada akhir periode.
predikat-no-periods = Pengelola kinerja (HR) belum membuka periode penilaian. Anda dapat menilai setelah HR membukanya.
predikat-none-open = Tidak ada periode penilaian yang sedang dibuka; HR belum membuka periode berikutnya. Periode terakhir:
predikat-period-line = • { $period }: { $state }
predikat-state = { $state ->
        [open] dibuka
        [closed] ditutup
       *[locked] dikunci (final)
    }
predikat-pick-period = Pilih periode penilaian:
predikat-period-button = { $period } · { $state }
predikat-period-closed = Periode { $period } sudah ditutup oleh HR: penilaian tidak dapat disimpan atau diubah lagi, kecuali HR membukanya kembali.
predikat-period-locked = Periode { $period } sudah dikunci: penilaiannya final dan tidak dapat diubah lagi.
predikat-period-unknown = Periode ini tidak ditemukan; tombolnya mungkin dari data lama.

## Daftar tim dan sebarannya.

predikat-team-header = Predikat kinerja — { $period }
    Pilih bawahan untuk dinilai. Sudah dinilai: { $rated } dari { $total }.
predikat-member-button = { $name } — { $predikat }
predikat-not-rated = belum dinilai
predikat-distribution = Sebaran predikat tim Anda:
predikat-distribution-after = Sebaran predikat tim Anda bila penilaian ini disimpan:
predikat-consider = Sebagai pertimbangan, bukan larangan: predikat organisasi periode ini { $org }, dan untuk itu pola SE MenPANRB 3/2023 meminta:
predikat-consider-fits = Sebaran tim Anda sesuai pola untuk predikat organisasi { $org } (SE MenPANRB 3/2023).

## Kartu bahan penilaian (HTML).

predikat-card-header = 📋 <b>Bahan penilaian { $name } — { $period }</b>
predikat-card-dialogs = <b>Dialog kinerja dalam periode ini</b>: { $count }
predikat-card-dialogs-none = <b>Dialog kinerja dalam periode ini</b>: belum ada.
predikat-card-kinds = Jenis: { $kinds }
predikat-kind = { $kind ->
        [klarifikasi] klarifikasi ekspektasi
        [umpan-balik] umpan balik berkelanjutan
       *[evaluasi] evaluasi kinerja
    } { $count }
predikat-card-follow-ups = Tindak lanjut: { $list }
predikat-card-follow-ups-none = Tindak lanjut: tidak ada.
predikat-follow-up = { $kind ->
        [coaching] coaching
        [mentoring] mentoring
        [training] pelatihan
       *[konseling] konseling
    } ({ $done ->
        [yes] selesai
       *[no] belum selesai
    })
predikat-card-ack = Tanggapan pegawai: dikonfirmasi { $confirmed } · dengan komentar { $commented } · menunggu { $pending } · tanpa tanggapan { $unacknowledged }
predikat-card-feedback = <b>Umpan balik 360 — { $period }</b> (rekan kerja dan bawahan tampil hanya bila sedikitnya { $min } orang menjawab lengkap)
predikat-card-feedback-none = <b>Umpan balik 360</b>: belum ada hasil putaran untuk periode ini.
predikat-card-value = <i>{ $value }</i>
predikat-group = { $group ->
        [supervisor] Atasan
        [peer] Rekan kerja
        [subordinate] Bawahan
        [self] Diri sendiri
       *[total] Total
    }
predikat-card-counts = { $label } ({ $count } jawaban): di bawah { $below } · sesuai { $meets } · di atas { $above }
predikat-card-not-enough = { $label }: belum cukup jawaban
predikat-card-expectations = <b>Ekspektasi khusus pimpinan { $year }</b>
predikat-card-expectations-none = <b>Ekspektasi khusus pimpinan { $year }</b>: belum ada.
predikat-card-expectation = • { $value }: { $text }
predikat-card-history = <b>Predikat periodik { $year }</b>
predikat-card-history-none = <b>Predikat periodik { $year }</b>: belum ada.
predikat-card-history-line = • { $period }: { $predikat } (hasil kerja { $hasil }, perilaku kerja { $perilaku })
predikat-card-unit = <b>Hasil kerja</b>: { $name } memimpin unitnya, jadi hasil kerjanya adalah hasil unit yang dicatat HR: { $hasil }.
predikat-card-unit-missing = <b>Hasil kerja</b>: { $name } memimpin unitnya, jadi hasil kerjanya adalah hasil unit yang dicatat HR, dan HR belum mencatatnya.
predikat-card-current = <b>Penilaian saat ini</b>: { $predikat } (hasil kerja { $hasil }, perilaku kerja { $perilaku }), { $date }.
predikat-card-current-by = <b>Penilaian saat ini</b>: { $predikat } (hasil kerja { $hasil }, perilaku kerja { $perilaku }), { $date }, oleh { $by }.
predikat-card-current-note = Catatan: { $note }
predikat-card-not-rated = <b>Penilaian saat ini</b>: belum dinilai.

## Menilai.

predikat-ask-hasil = Hasil kerja { $name } pada { $period }?
predikat-ask-perilaku = Perilaku kerja { $name } pada { $period }?
predikat-now = Saat ini: { $rating }.
predikat-hasil-chosen = Hasil kerja: { $hasil }.
predikat-head-hasil = Hasil kerja { $name }: hasil unit yang dicatat HR, { $hasil }.
predikat-head-hasil-missing = Hasil kerja { $name }: HR belum mencatat hasil unitnya. Anda dapat menilai perilaku kerja sekarang, tetapi penilaian baru dapat disimpan setelah HR mencatat hasil unit.
predikat-perilaku-chosen = Perilaku kerja: { $perilaku }.
predikat-ask-note = Catatan untuk penilaian ini (opsional, paling banyak { $max } karakter): ketik catatannya, atau lewati.
predikat-current-note = Catatan saat ini: { $note }
predikat-skip-note = Tanpa catatan
predikat-keep-note = Pakai catatan saat ini
predikat-note-too-long = Catatan itu { $got } karakter; batasnya { $max }. Persingkat dan kirim lagi, atau pilih "Tanpa catatan".
predikat-note-empty = Catatannya kosong; ketik catatan Anda, atau pilih "Tanpa catatan".
predikat-use-buttons = Silakan jawab dengan tombol di atas, atau /cancel untuk berhenti.
predikat-preview = Periksa sebelum menyimpan — { $name }, { $period }

    Hasil kerja: { $hasil }
    Perilaku kerja: { $perilaku }
    Predikat: { $predikat }
    Catatan: { $note }
predikat-hasil-from-unit = { $hasil } (hasil unit, dicatat HR)
predikat-pending-unit = menunggu hasil unit dari HR
predikat-no-note = (tanpa catatan)
predikat-unit-changed = Hasil unit dari HR berubah sejak pratinjau. Periksa lagi sebelum menyimpan.
predikat-save-button = 💾 Simpan
predikat-change-button = ✏️ Ubah penilaian
predikat-discard-button = 🗑 Batal

## Hasil penyimpanan.

predikat-saved = ✅ Disimpan: predikat { $name } untuk { $period } adalah { $predikat }.
predikat-changed = ✅ Diubah: predikat { $name } untuk { $period } sekarang { $predikat }. Penilaian sebelumnya tetap tercatat dalam riwayat perubahan.
predikat-unchanged = Tidak ada yang berubah: penilaian { $name } untuk { $period } sudah sama (predikat { $predikat }).
predikat-discarded = Dibatalkan; tidak ada yang disimpan.
predikat-not-subordinate = Orang ini bukan (atau tidak lagi) bawahan langsung aktif Anda. Tidak ada yang disimpan.
predikat-no-unit-result = HR belum mencatat hasil unit { $name } untuk { $period }, jadi penilaian ini belum dapat disimpan. Tekan Simpan lagi setelah HR mencatatnya, atau /cancel.
predikat-org-changed = Data organisasi berubah sejak penilaian ini dibuka. Buka lagi dari /predikat.
