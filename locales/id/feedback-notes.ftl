# Open notes and ekspektasi khusus.

notes-new = Kirim umpan balik
notes-received-button = Umpan balik diterima
notes-expectations-button = Ekspektasi khusus
notes-my-expectations-button = Ekspektasi untuk saya

## Sending a note.

notes-no-colleagues = Tidak ada rekan kerja aktif dalam data organisasi (atasan, rekan dengan atasan yang sama, atau bawahan langsung) yang dapat Anda beri umpan balik.
notes-ask-colleague = Kepada siapa umpan balik ini? Pilih atasan Anda, rekan dengan atasan yang sama, atau bawahan langsung Anda. Penerima akan melihat nama Anda.
notes-not-colleague = Orang ini bukan (atau tidak lagi) atasan, rekan dengan atasan yang sama, atau bawahan langsung Anda. Tidak ada yang dikirim.
notes-ask-value = Umpan balik untuk { $name }. Tentang nilai BerAKHLAK yang mana?
notes-ask-kind = Untuk { $name }, tentang { $value }. Apresiasi, atau sesuatu yang perlu ditingkatkan?
notes-kind-appreciation = 👏 Apresiasi
notes-kind-improvement = 🌱 Perlu ditingkatkan
notes-ask-text = Untuk { $name } · { $value } · { $kind }. Ketik pesan singkat Anda (paling banyak { $max } karakter), atau /cancel.
notes-text-too-long = Teks itu { $got } karakter; batasnya { $max }. Silakan persingkat dan kirim lagi.
notes-text-empty = Teksnya kosong; silakan ketik pesan Anda.
notes-use-buttons = Silakan jawab dengan tombol di atas, atau /cancel untuk berhenti.
notes-preview = Periksa sebelum mengirim:

    Kepada: { $name }
    Nilai: { $value }
    Jenis: { $kind }

    { $text }

    { $name } akan melihat nama Anda sebagai pengirim.
notes-send-button = 📨 Kirim
notes-discard-button = 🗑 Buang
notes-sent = ✅ Umpan balik terkirim kepada { $name }.
notes-discarded = Dibuang; tidak ada yang dikirim.
notes-limit-reached = Anda sudah mengirim { $limit } umpan balik hari ini, batas per hari. Anda dapat mengirim lagi mulai { $date } pukul 00:00 { $zone }.
notes-notice = 💬 Umpan balik dari { $sender }
    { $value } · { $kind }

    { $text }

## Reading notes.

notes-received-header = Umpan balik terbuka yang Anda terima pada { $period }: { $count } catatan.
notes-received-none = Anda belum menerima umpan balik terbuka pada { $period }.
notes-entry = { $date } · dari { $sender } · { $value } · { $kind }
    { $text }
notes-sender-unknown = (pengirim tidak lagi terdaftar)
notes-history-header = Umpan balik terbuka untuk { $name } pada { $period }: { $count } catatan.
notes-history-none = Belum ada umpan balik terbuka untuk { $name } pada { $period }.
notes-history-more = …dan { $count } catatan yang lebih lama.

## Ekspektasi khusus pimpinan.

notes-exp-no-subordinates = Anda tidak memiliki bawahan aktif dalam data organisasi, jadi tidak ada ekspektasi khusus yang dapat Anda tulis.
notes-exp-ask-employee = Ekspektasi khusus pimpinan untuk { $period }: pilih bawahan.
notes-exp-not-subordinate = Orang ini bukan (atau tidak lagi) bawahan langsung Anda. Tidak ada yang disimpan.
notes-exp-overview = Ekspektasi khusus untuk { $name } pada { $period }. Ketuk sebuah nilai untuk menulis atau menghapus ekspektasinya.
notes-exp-line = • { $value }: { $text }
notes-exp-unset = (belum ada)
notes-exp-ask-text = { $value } untuk { $name } ({ $period }).
    Saat ini: { $current }

    Ketik ekspektasi yang baru (paling banyak { $max } karakter), atau /cancel.
notes-exp-remove-button = 🗑 Hapus
notes-exp-back-button = ⬅️ Kembali
notes-exp-other-button = 👥 Bawahan lain
notes-exp-done-button = Selesai
notes-exp-saved = ✅ Disimpan; { $name } sudah diberi tahu.
notes-exp-unchanged = Teksnya sama dengan yang tersimpan; tidak ada yang berubah.
notes-exp-removed = 🗑 Dihapus; { $name } sudah diberi tahu.
notes-exp-notice-set = 🎯 { $supervisor } menetapkan ekspektasi khusus untuk Anda pada { $period }, nilai { $value }:

    { $text }
notes-exp-notice-changed = 🎯 { $supervisor } mengubah ekspektasi khusus untuk Anda pada { $period }, nilai { $value }. Sekarang:

    { $text }
notes-exp-notice-removed = { $supervisor } menghapus ekspektasi khusus untuk Anda pada { $period }, nilai { $value }.
notes-exp-mine-header = Ekspektasi khusus pimpinan untuk Anda pada { $period }:
notes-exp-mine-none = Atasan Anda belum menetapkan ekspektasi khusus untuk Anda pada { $period }.
