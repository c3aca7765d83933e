from django.core.management.base import BaseCommand

from binaumkm.financing import services


class Command(BaseCommand):
    help = (
        "Kedaluwarsakan rujukan pembiayaan yang terlalu lama tidak bergerak dan kirim pengingat untuk rujukan "
        "yang menunggu bank melewati batas layanan skemanya. Jalankan sekali sehari (cron)."
    )

    def handle(self, *args, **options):
        expired = services.referrals_expire()
        reminded = services.referrals_remind()
        self.stdout.write(f"{expired} rujukan kedaluwarsa, {reminded} pengingat dikirim.")
