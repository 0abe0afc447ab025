import datetime

from portal.interaction.models import add_working_days
from portal.interaction.privacy import mask_email, mask_in_text, mask_name, mask_phone


def test_phone_numbers_are_masked_in_the_138_star_style():
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("+86 138-1234-1234") == "861****1234"
    assert mask_phone("0571-12345678") == "057****5678"
    assert mask_phone("12345") == "***45"
    assert mask_phone("") == ""


def test_names_and_emails_keep_only_their_first_character():
    assert mask_name("张三") == "张*" and mask_name("欧阳娜娜") == "欧***" and mask_name("王") == "王*"
    assert mask_email("zhang.san@example.com") == "z***@example.com"
    assert mask_email("not-an-email") == "***"


def test_numbers_typed_into_a_message_are_masked_for_the_public():
    text = "电话13812341234，身份证11010119900101123X，座机0571-12345678，订单号123456789012345678901。"
    masked = mask_in_text(text)
    assert "138****1234" in masked and "110101********123X" in masked
    assert "13812341234" not in masked and "11010119900101123X" not in masked
    assert "0571-12345678" in masked and "123456789012345678901" in masked  # not a mobile or an ID number


def test_working_days_skip_the_weekend():
    friday = datetime.date(2026, 11, 27)
    assert add_working_days(friday, 5) == datetime.date(2026, 12, 4)
    assert add_working_days(datetime.date(2026, 11, 28), 1) == datetime.date(2026, 11, 30)  # Saturday → Monday
    assert add_working_days(datetime.date(2026, 11, 30), 0) == datetime.date(2026, 11, 30)
