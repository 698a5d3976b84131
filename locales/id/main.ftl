# Bahasa Indonesia: the default language.

welcome-unlinked =
    Halo, { $name }! Saya kinerja-bot, asisten pengelolaan kinerja ASN.
    Saya mengingatkan dialog kinerja bulanan, mengumpulkan umpan balik perilaku BerAKHLAK, dan menyampaikan pengumuman dari pengelola kinerja.

    Akun Telegram Anda belum terhubung dengan data kepegawaian. Mintalah tautan undangan kepada pengelola kinerja unit Anda, lalu buka tautan itu.
help =
    Perintah yang tersedia:
    /start — mulai dan hubungkan akun
    /help — bantuan ini
    /language — ganti bahasa
    /cancel — batalkan percakapan yang sedang berlangsung
language-choose = Pilih bahasa:
language-set = Bahasa diubah ke Bahasa Indonesia.
language-name-id = Bahasa Indonesia
language-name-en = English
cancel-done = Dibatalkan. Tidak ada yang disimpan dari percakapan tadi.
cancel-nothing = Tidak ada percakapan yang sedang berlangsung.
unknown-command = Perintah itu tidak saya kenal. Ketik /help untuk melihat perintah yang tersedia.
unknown-input = Maaf, saya tidak memahami pesan itu. Ketik /help untuk melihat apa yang bisa saya bantu.
stale-button = Tombol ini sudah tidak berlaku.
internal-error = Maaf, terjadi gangguan di sisi kami. Silakan coba lagi sebentar lagi.
cmd-start = Mulai dan hubungkan akun
cmd-help = Bantuan
cmd-language = Ganti bahasa
cmd-cancel = Batalkan percakapan

## Impor data pegawai
import-done = Impor selesai: { $added } ditambahkan, { $changed } diubah, { $deactivated } dinonaktifkan (keluar), { $unchanged } tetap; { $units } unit baru.
import-dry-run = Uji coba (tidak ada yang disimpan): { $added } akan ditambahkan, { $changed } diubah, { $deactivated } dinonaktifkan (keluar), { $unchanged } tetap; { $units } unit baru.
import-file-refused = Berkas ditolak, tidak ada yang diubah: { $reason }
import-rows-refused = Berkas ditolak, tidak ada yang diubah: { $count } baris bermasalah.
import-row-error = Baris { $line }: { $reason }
file-empty = berkas kosong atau tidak berisi baris data.
file-too-large = berkas lebih besar dari { $mb } MB.
file-not-csv-or-xlsx = berkas bukan CSV (teks UTF-8) atau XLSX.
file-missing-columns = kolom wajib tidak ada: { $columns }.
file-unreadable = berkas tidak dapat dibaca ({ $cause }).
problem-nip-shape = NIP harus 18 angka.
problem-nip-birth-date = NIP memuat tanggal lahir yang tidak mungkin.
problem-nip-appointment = NIP memuat tanggal pengangkatan yang tidak mungkin.
problem-nip-sex-digit = digit jenis kelamin pada NIP harus 1 atau 2.
problem-duplicate-nip = NIP sudah ada di baris { $first_line }.
problem-empty-name = nama kosong.
problem-name-too-long = nama terlalu panjang (paling banyak 200 karakter).
problem-bad-unit = unit kosong atau salah tulis (contoh: "Sekretariat Jenderal > Biro SDM").
problem-bad-supervisor-nip = NIP atasan bukan NIP yang sah.
problem-self-supervisor = pegawai tidak boleh menjadi atasan dirinya sendiri.
problem-unknown-supervisor = atasan { $nip } tidak ada di berkas (pegawai yang tidak ada di berkas dianggap keluar).
problem-supervisor-cycle = rantai atasan berputar: { $chain }.
problem-unknown-role = peran "{ $role }" tidak dikenal (pegawai, pengelola_unit, pengelola_organisasi, admin).
problem-unknown-language = bahasa "{ $language }" tidak dikenal (id atau en).

## Tautan undangan
welcome-linked = Halo, { $name }! Akun Anda sudah terhubung. Ketik /help untuk melihat apa yang bisa saya bantu.
link-done =
    Selamat datang, { $name }! Akun Telegram Anda kini terhubung dengan data kepegawaian Anda.
    Saya akan mengingatkan dialog kinerja, meminta umpan balik perilaku BerAKHLAK untuk rekan kerja, dan menyampaikan pengumuman serta tenggat dari pengelola kinerja. Ketik /help untuk melihat perintah.
invite-malformed = Tautan undangan ini tidak utuh. Buka lagi tautan lengkap dari pengelola kinerja, atau minta tautan baru.
invite-unknown = Tautan undangan ini tidak dikenal. Mintalah tautan baru kepada pengelola kinerja unit Anda.
invite-used = Tautan undangan ini sudah dipakai. Jika bukan Anda yang memakainya, segera hubungi pengelola kinerja unit Anda.
invite-expired = Tautan undangan ini sudah kedaluwarsa. Mintalah tautan baru kepada pengelola kinerja unit Anda.
invite-account-taken = Akun Telegram ini sudah terhubung dengan pegawai lain. Hubungi pengelola kinerja unit Anda.
