## Laporan HR per periode (/report): pesan singkat dan grafik PNG.
## Laporan dikirim dengan parse_mode HTML: nama dan unit sudah di-escape. Menu dan keterangan
## grafik adalah teks biasa.

cmd-report = Laporan dan grafik per periode (HR)

report-pick-period = Pilih periode laporan:
report-no-periods = Belum ada periode penilaian yang ditetapkan; tersedia bulan dan triwulan berjalan.
report-period-button = { $period }{ $state ->
    [open] {" "}· dibuka
    [closed] {" "}· ditutup
    [locked] {" "}· dikunci
   *[none] {""}
}
report-menu = 📑 Laporan { $period }
    Cakupan: { $scope }
    Pilih laporan:
report-menu-undefined = { $period } belum ditetapkan sebagai periode penilaian, jadi belum ada predikat untuknya.
report-scope-organisation = seluruh organisasi
report-scope-unit = { $unit } beserta sub-unitnya
report-button-compliance = Kepatuhan dialog
report-button-rates = Respons 360
report-button-results = Hasil BerAKHLAK
report-button-distribution = Distribusi predikat
report-button-not-rated = Belum dinilai
report-period-undefined = { $period } belum ditetapkan sebagai periode penilaian, jadi belum ada penilaian predikat untuknya.
report-not-started = { $period } belum dimulai.
report-share = { $name }: { $done } dari { $total } ({ $percent }%)
report-until = { $name } (s.d. { $until })
report-unit-line = • { $unit }: { $done }/{ $total } ({ $percent }%)
report-more-units = … dan { $count } unit lainnya.
report-chart-more = { $shown } unit terendah dari { $total }; { $more } unit lainnya tidak digambar.

report-compliance-header = 📋 <b>Kepatuhan dialog kinerja — { $period }</b>
    Cakupan: { $scope }
report-compliance-months = <b>Per bulan</b> (pegawai aktif dengan sedikitnya satu dialog):
report-compliance-quarters = <b>Per triwulan</b> (sedikitnya satu dialog dalam tiga bulan):
report-compliance-units = <b>Per unit, terendah lebih dulu</b> — { $measure }:
report-compliance-measure = { $kind ->
    [month] pegawai dengan dialog pada { $name }
    [quarter] pegawai dengan dialog pada { $name }
   *[quarters] selama { $count } triwulan: jumlah pegawai-triwulan dengan dialog, dijumlahkan per triwulan
}
report-compliance-empty = Tidak ada pegawai aktif dalam cakupan Anda.
report-compliance-chart-title = Kepatuhan dialog kinerja — { $period }
report-compliance-caption = Kepatuhan dialog per unit — { $period } ({ $total } unit).

report-rates-header = 📨 <b>Respons 360 — { $period }</b>
    Cakupan: { $scope }
report-rates-none = Tidak ada putaran 360 dalam { $period } yang mencakup unit Anda.
report-rates-round = <b>Putaran { $round }</b> ({ $opens } – { $closes }, { $state ->
    [open] berjalan
    [closed] ditutup
   *[upcoming] belum dibuka
})
report-rates-total = Penilaian lengkap: { $done } dari { $total } ({ $percent }%); { $behind } penilai belum selesai.
report-rates-units = Per unit penilai, terendah lebih dulu:
report-rates-unit-line = • { $unit }: { $done }/{ $total } ({ $percent }%), { $behind } penilai belum selesai
report-rates-empty = Tidak ada penilai dari unit dalam cakupan Anda pada putaran ini.
report-rates-chart-title = Respons 360 per unit — putaran { $round }
report-rates-chart-subtitle = Penilaian lengkap dari semua penugasan, per unit penilai
report-rates-caption = Respons 360 per unit — putaran { $round } ({ $total } unit).

report-results-header = 📊 <b>Hasil BerAKHLAK per nilai — putaran { $round }</b>
    Cakupan: { $scope }
report-results-note = Dijumlahkan dari unit dengan sedikitnya { $min } pegawai yang punya hasil: jawaban atasan, serta rekan kerja dan bawahan hanya dari kelompok dengan sedikitnya { $min } jawaban lengkap. Penilaian diri sendiri tidak dihitung.
report-results-units = { $shown } unit dihitung; { $hidden } unit tidak dihitung (kurang dari { $min } pegawai dengan hasil).
report-results-value = { $value } ({ $count } jawaban): di bawah { $below } ({ $below_pct }%) · sesuai { $meets } ({ $meets_pct }%) · di atas { $above } ({ $above_pct }%)
report-results-value-none = { $value }: belum ada jawaban
report-results-none = Tidak ada putaran 360 dalam { $period } yang mencakup unit Anda.
report-results-not-ready = Hasil putaran { $round } baru dapat dilihat setelah putaran ditutup (hari terakhir pengisian: { $date }).
report-results-nothing-shown = Belum ada unit dengan cukup hasil untuk ditampilkan.
report-results-chart-title = Hasil BerAKHLAK per nilai — { $round }
report-results-chart-subtitle = { $scope }; kelompok di bawah { $min } jawaban dan penilaian diri sendiri tidak dihitung
report-results-caption = Hasil BerAKHLAK per nilai — putaran { $round }.

report-dist-header = 📈 <b>Distribusi predikat — { $period }</b>
    Cakupan: { $scope }
report-dist-org = Predikat organisasi: <b>{ $predikat }</b>
report-dist-org-none = Predikat organisasi belum dicatat, jadi rentang yang diperbolehkan belum dapat dibandingkan.
report-dist-total = <b>{ $count } pegawai dinilai</b>:
report-dist-line = { $predikat }: { $count } ({ $percent }%)
report-dist-range = { $predikat }: { $count } ({ $percent }%) — boleh { $kind ->
    [max] paling banyak { $hi }%
    [min] sedikitnya { $lo }%
   *[between] { $lo }–{ $hi }%
}
report-dist-fits = ✅ Sesuai pola predikat organisasi.
report-dist-breaches = ⚠️ Tidak sesuai pola predikat organisasi:
report-dist-units-outside = <b>Unit di luar pola</b> ({ $count } dari { $total } unit dengan penilaian):
report-dist-unit-line = • { $unit } ({ $count } dinilai): { $breaches }
report-dist-units-fit = Semua { $total } unit dengan penilaian sesuai pola.
report-dist-none = Belum ada pegawai dalam cakupan Anda yang dinilai untuk { $period }.
report-dist-note = Pola ini pertimbangan bagi pimpinan (SE MenPANRB 3/2023), bukan larangan.
report-dist-chart-title = Distribusi predikat — { $period }
report-dist-chart-subtitle = { $scope }; predikat organisasi: { $predikat }
report-dist-chart-subtitle-none = { $scope }; predikat organisasi belum dicatat
report-dist-legend-allowed = Rentang yang diperbolehkan
report-dist-legend-within = Dalam rentang
report-dist-legend-outside = Di luar rentang
report-dist-caption = Distribusi predikat — { $period } ({ $count } pegawai dinilai).

report-not-rated-header = ⏳ <b>Belum dinilai — { $period }</b>
    Cakupan: { $scope }
    { $count } pegawai aktif belum mendapat predikat untuk periode ini.
report-not-rated-none = ✅ Semua pegawai aktif dalam cakupan Anda sudah dinilai untuk { $period }.
report-not-rated-unit = <b>{ $unit }</b> ({ $count })
report-not-rated-person = • { $name } — atasan: { $supervisor }
report-not-rated-long = Daftarnya panjang: nama-namanya ada di berkas terlampir. Per unit, terbanyak lebih dulu:
report-not-rated-count = • { $unit }: { $count }
report-not-rated-file-caption = Belum dinilai — { $period } ({ $count } pegawai)
