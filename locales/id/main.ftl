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
    /dialog — dialog kinerja: catat, konfirmasi, riwayat
    /feedback — umpan balik 360: nilai rekan, lihat hasil, kirim catatan
    /predikat — atasan: penilaian hasil dan perilaku kerja bawahan pada akhir periode
    /deadline — tenggat mendatang
    /cancel — batalkan percakapan yang sedang berlangsung
    Untuk pengelola kinerja: /units — pegawai per unit; /invite — tautan undangan; /broadcast — pengumuman; /deadline — buat dan ubah tenggat; /round — putaran 360; /period — periode penilaian, predikat organisasi, sebaran predikat; /report — laporan dan ekspor; kirim berkas CSV/XLSX pegawai untuk mengimpor data.
language-choose = Pilih bahasa:
language-set = Bahasa diubah ke Bahasa Indonesia.
language-name-id = Bahasa Indonesia
language-name-en = English
cancel-done = Dibatalkan. Tidak ada yang disimpan dari percakapan tadi.
cancel-nothing = Tidak ada percakapan yang sedang berlangsung.
unknown-command = Perintah itu tidak saya kenal. Ketik /help untuk melihat perintah yang tersedia.
unknown-input = Maaf, saya tidak memahami pesan itu. Ketik /help untuk melihat apa yang bisa saya bantu.
text-too-long = Pesan itu terlalu panjang: bot membaca paling banyak { $max } karakter. Mohon kirim lebih singkat.
stale-button = Tombol ini sudah tidak berlaku.
internal-error = Maaf, terjadi gangguan di sisi kami. Silakan coba lagi sebentar lagi.
slow-down = Anda mengirim pesan lebih cepat daripada yang dapat diterima bot. Mohon tunggu satu menit; pesan yang dikirim sementara itu diabaikan.
cmd-start = Mulai dan hubungkan akun
cmd-help = Bantuan
cmd-language = Ganti bahasa
cmd-cancel = Batalkan percakapan

## Impor data pegawai
import-done = Impor selesai: { $added } ditambahkan, { $changed } diubah, { $deactivated } dinonaktifkan (keluar), { $unchanged } tetap; { $units } unit baru.
import-dry-run = Uji coba (tidak ada yang disimpan): { $added } akan ditambahkan, { $changed } diubah, { $deactivated } dinonaktifkan (keluar), { $unchanged } tetap; { $units } unit baru.
import-read-as-windows1252 = Berkas ini bukan UTF-8, jadi dibaca sebagai Windows-1252 (yang disimpan Excel sebagai "CSV"). Periksa nama yang memakai huruf beraksen; agar pasti, simpan sebagai "CSV UTF-8".
import-file-refused = Berkas ditolak, tidak ada yang diubah: { $reason }
import-rows-refused = Berkas ditolak, tidak ada yang diubah: { $count } baris bermasalah.
import-row-error = Baris { $line }: { $reason }
import-more-rows = … dan { $count } baris bermasalah lainnya: lihat daftar terlampir.
import-rows-file-caption = Semua { $count } baris bermasalah, dengan baris dan alasannya.
file-empty = berkas kosong atau tidak berisi baris data.
file-too-large = berkas lebih besar dari { $mb } MB.
file-not-csv-or-xlsx = berkas bukan CSV (teks UTF-8) atau XLSX.
file-missing-columns = kolom wajib tidak ada: { $columns }.
file-unreadable = berkas tidak dapat dibaca ({ $cause }).
file-sheet-too-wide = lembar kerja mencakup lebih dari { $max } sel (ada sel jauh di bawah atau di kanan, mungkin tidak sengaja); hapus baris dan kolom kosong setelah data lalu kirim ulang.
file-duplicate-column = Judul kolom (baris 1) memuat kolom { $column } dua kali; sisakan satu lalu kirim ulang berkasnya.
problem-field-count = Baris ini berisi { $found } kolom, padahal judul berisi { $expected }: periksa pemisah (; atau ,) di dalam isian yang tidak diberi tanda kutip.
problem-control-character = Baris ini memuat karakter kendali (misalnya byte NUL): berkas mungkin rusak; ketik ulang baris ini.
problem-nip-stored-as-number = NIP tersimpan sebagai angka, dan lembar kerja sudah menghapus digit terakhirnya: format kolom NIP sebagai Teks lalu ketik ulang NIP-nya.
problem-appointed-in-the-future = NIP mencatat pengangkatan setelah hari ini: periksa digit ke-9 sampai ke-14 (tahun dan bulan pengangkatan).
file-too-many-rows = berkas berisi lebih dari { $max } baris; pecah berkasnya atau minta operator memakai baris perintah.
problem-cell-too-long = Ada sel yang lebih panjang dari { $max } karakter.
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
link-moved-away = Akun Telegram ini tidak lagi terhubung dengan data kepegawaian Anda: akun lain baru saja membuka tautan undangan baru untuk data tersebut. Jika itu bukan Anda, segera hubungi pengelola kinerja.
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
invite-roles-left-out = { $count } orang di unit ini memiliki peran pengelola kinerja atau admin: tautan mereka hanya diberikan oleh pengelola kinerja organisasi.
import-confirm-question = Simpan perubahan ini?
import-confirm-button = Simpan
import-cancel-button = Batal
import-cancelled = Impor dibatalkan. Tidak ada yang diubah.
preview-outdated = Yang akan dikonfirmasi sudah berubah sejak pratinjau, jadi tidak ada yang dilakukan. Berikut pratinjau terkini:
preview-expired = Pratinjau ini berumur lebih dari { $hours } jam, jadi tidak ada yang dilakukan. Berikut pratinjau terkini:
import-download-failed = Berkas tidak dapat diunduh dari Telegram. Coba kirim lagi.
cmd-profile = Profil saya
cmd-team = Bawahan saya
cmd-units = Pegawai per unit (pengelola kinerja)
cmd-invite = Buat tautan undangan (pengelola kinerja)

## Audiens pengumuman dan tenggat
audience-choose = Untuk siapa?
audience-choose-unit = Pilih unit (beserta sub-unitnya), halaman { $page } dari { $pages }:
page-previous = ◀ Sebelumnya
page-of = (halaman { $page } dari { $pages })
page-next = Berikutnya ▶
audience-empty = Tidak ada pegawai aktif dalam audiens ini. Tidak ada yang dikirim.
audience-everyone = Semua pegawai
audience-pick-unit = Satu unit (beserta sub-unitnya)…
audience-supervisors = Atasan saja
audience-hr = Pengelola kinerja saja

## Pengumuman
broadcast-ask-text =
    Tulis pengumuman yang akan dikirim. Format Telegram (tebal, miring, tautan) ikut terkirim; bisa juga menulis HTML Telegram: <b>tebal</b>, <i>miring</i>, <a href="https://…">tautan</a>.
    Ketik /cancel untuk batal.
broadcast-format-error = Telegram akan menolak pengumuman ini: { $reason } Perbaiki lalu kirim lagi teksnya, atau /cancel.
broadcast-preview-header = Pratinjau — beginilah pengumuman akan diterima:
broadcast-confirm = Kirim ke { $linked } orang ({ $audience })? { $unlinked } orang belum menautkan akun Telegram dan tidak akan menerimanya; mereka tercantum di laporan akhir.
broadcast-send-button = Kirim
broadcast-discard-button = Batal
broadcast-discarded = Pengumuman dibatalkan; tidak ada yang dikirim.
broadcast-progress =
    Mengirim pengumuman #{ $id }…
    Terkirim: { $sent } dari { $total }
    Menunggu: { $pending }
    Tidak terjangkau (memblokir bot): { $unreachable }
    Gagal: { $failed }
    Belum menautkan akun: { $unlinked }
broadcast-stop-button = Hentikan pengiriman
broadcast-done =
    Pengumuman #{ $id } selesai.
    Terkirim: { $sent } dari { $total }
    Tidak terjangkau (memblokir bot): { $unreachable }
    Gagal: { $failed }
    Belum menautkan akun: { $unlinked }
broadcast-cancelled =
    Pengumuman #{ $id } dihentikan.
    Terkirim: { $sent } dari { $total }
    Ditarik (belum terkirim): { $cancelled }
    Tidak terjangkau (memblokir bot): { $unreachable }
    Gagal: { $failed }
    Belum menautkan akun: { $unlinked }
broadcast-already-finished = Pengiriman ini sudah selesai.
broadcast-unreached-csv-button = Yang tak terjangkau (CSV)
broadcast-unreached-xlsx-button = Yang tak terjangkau (XLSX)
broadcast-unreached-caption = { $count } orang tidak menerima pengumuman ini; hubungi mereka lewat jalur lain.
broadcast-unreached-none = Semua penerima terjangkau.
unreached-not-linked = belum menautkan akun Telegram
unreached-blocked = memblokir bot atau akunnya tidak aktif
unreached-failed = gagal dikirim: { $reason }

## Kesalahan format HTML
format-empty = teksnya kosong.
format-too-long = teksnya { $length } karakter, lebih dari batas Telegram { $max }.
format-unknown-tag = tag <{ $tag }> tidak dikenal Telegram (baris { $line }, kolom { $column }).
format-unclosed-tag = tag <{ $tag }> tidak ditutup (baris { $line }, kolom { $column }).
format-unexpected-closing-tag = tag penutup </{ $tag }> tidak cocok dengan tag yang terbuka (baris { $line }, kolom { $column }).
format-bad-attribute = atribut "{ $attribute }" tidak boleh pada <{ $tag }> (baris { $line }, kolom { $column }).
format-missing-href = tautan <a> tanpa href="…" (baris { $line }, kolom { $column }).
format-bare-character = karakter "{ $character }" harus ditulis { $escape } (baris { $line }, kolom { $column }).
format-unknown-entity = entitas { $entity } tidak dikenal; gunakan &lt; &gt; &amp; atau &quot; (baris { $line }, kolom { $column }).

## Tenggat
deadline-list-item =
    📅 { $title }
    Batas: { $due }
    Untuk: { $audience }
    { $description }
deadline-list-empty = Tidak ada tenggat mendatang untuk Anda.
deadline-new-hint = Buat tenggat baru; audiensnya akan diingatkan otomatis.
deadline-new-button = ➕ Tenggat baru
deadline-ask-title = Judul tenggat? (mis. Penyusunan SKP 2027) Ketik /cancel untuk batal.
deadline-title-invalid = Judul tidak boleh kosong dan paling banyak { $max } karakter. Tulis lagi judulnya.
deadline-ask-due = Kapan batasnya? Tulis tanggal dan jam dalam { $zone }, mis. 31-01-2027 16:00 atau 31 Januari 2027. Tanpa jam berarti pukul 23:59.
deadline-due-unreadable = Tanggal itu tidak terbaca.
deadline-due-in-past = Tanggal itu sudah lewat; tenggat harus di masa depan.
deadline-ask-description = Keterangan (opsional): tulis keterangannya, atau tekan Lewati.
deadline-skip-button = Lewati
deadline-description-too-long = Keterangan paling banyak { $max } karakter. Persingkat lalu kirim lagi.
deadline-confirm =
    Tenggat: { $title }
    Batas: { $due }
    Untuk: { $audience }
    { $description }
    Pengingat: { $days } hari sebelumnya (0 = pada harinya), pukul { $time }.
    Simpan?
deadline-save-button = Simpan
deadline-discard-button = Batal
deadline-saved = Tenggat "{ $title }" ({ $due }) disimpan. Audiensnya akan diingatkan otomatis.
deadline-discarded = Tenggat tidak disimpan.
deadline-edit-due-button = Ubah tanggal
deadline-edit-title-button = Ubah judul
deadline-cancel-button = Batalkan
deadline-updated = Tenggat diperbarui: "{ $title }", batas { $due }. Pengingat berikutnya mengikuti perubahan ini.
deadline-cancelled-notice = Tenggat "{ $title }" dibatalkan; pengingatnya tidak akan dikirim.
deadline-gone = Tenggat ini sudah lewat atau dibatalkan.
deadline-reminder =
    ⏰ <b>Pengingat tenggat: { $title }</b>
    Batas: { $due } ({ $left })
deadline-days-left = { $days } hari lagi
deadline-deliveries = Pengingat sejauh ini: { $sent } terkirim, { $pending } menunggu, { $unreachable } tidak terjangkau (memblokir bot), { $failed } gagal, { $unlinked } belum menautkan akun.
deadline-today = hari ini
cmd-broadcast = Pengumuman (pengelola kinerja)
cmd-deadline = Tenggat mendatang
cmd-dialog = Dialog kinerja: catat, konfirmasi, riwayat
cmd-feedback = Umpan balik 360: nilai rekan, hasil, catatan
cmd-round = HR: putaran umpan balik 360
cmd-period = HR: periode penilaian, predikat organisasi, sebaran predikat
