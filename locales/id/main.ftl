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
