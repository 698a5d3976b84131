# Bahasa Indonesia: the default language.

welcome-unlinked =
    Halo, { $name }! Saya kinerja-bot, asisten pengelolaan kinerja ASN.
    Saya mengingatkan dialog kinerja bulanan, mengumpulkan umpan balik perilaku BerAKHLAK, dan menyampaikan pengumuman dari pengelola kinerja.

    Akun Telegram Anda belum terhubung dengan data kepegawaian. Mintalah tautan undangan kepada pengelola kinerja unit Anda, lalu buka tautan itu.
help =
    Perintah yang tersedia:
    /start — mulai dan hubungkan akun
    /help — bantuan ini
    /profile — profil saya
    /team — bawahan langsung saya
    /language — ganti bahasa
    /cancel — batalkan percakapan yang sedang berlangsung
    Untuk pengelola kinerja: /units — pegawai per unit; /invite — tautan undangan; kirim berkas CSV/XLSX pegawai untuk mengimpor data.
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

## Data organisasi di obrolan
not-linked = Akun Telegram Anda belum terhubung dengan data kepegawaian. Mintalah tautan undangan kepada pengelola kinerja unit Anda.
not-allowed = Maaf, Anda tidak berwenang melakukan itu.
profile-view =
    { $name }
    Jabatan: { $position }
    Unit: { $unit }
    Atasan: { $supervisor }
    Bahasa: Bahasa Indonesia (ubah dengan /language)
profile-no-supervisor = —
team-header = Bawahan langsung Anda ({ $count }):
team-member-linked = ✅ { $name }
team-member-unlinked = ⏳ { $name } (belum terhubung ke Telegram)
team-empty = Anda tidak memiliki bawahan langsung.
units-header = Pegawai per unit (aktif / terhubung / belum terhubung):
units-line = { $unit }: { $employees } / { $linked } / { $unlinked }
units-more = … dan { $count } unit lain. Gunakan perintah baris kinerja-bot untuk daftar lengkap.
invite-choose-unit = Pilih unit: tautan undangan dibuat untuk semua pegawai unit itu (beserta sub-unitnya) yang belum terhubung.
invite-sent = { $count } tautan undangan untuk { $unit }. Kirimkan masing-masing hanya kepada pegawai yang bersangkutan.
invite-none = Semua pegawai { $unit } sudah terhubung.
import-confirm-question = Simpan perubahan ini?
import-confirm-button = Simpan
import-cancel-button = Batal
import-cancelled = Impor dibatalkan. Tidak ada yang diubah.
import-download-failed = Berkas tidak dapat diunduh dari Telegram. Coba kirim lagi.
cmd-profile = Profil saya
cmd-team = Bawahan saya
cmd-units = Pegawai per unit (pengelola kinerja)
cmd-invite = Buat tautan undangan (pengelola kinerja)
