"""Number and blank-cell parsing, and cutting flattened digit runs."""
from __future__ import annotations

from extract.numbers import digit_runs, is_blank, normalize, numbers_in_cell, parse_number, split_digit_runs


def test_parse_number():
    assert parse_number("12") == 12
    assert parse_number(" -26524 ") == -26524
    assert parse_number("249.87") == 249.87
    assert parse_number("251000元") == 251000
    assert parse_number("5949.088667") == 5949.088667
    assert parse_number("1,234") == 1234
    assert parse_number("000") is None  # flattened cells, not one number
    assert parse_number("规章") is None
    assert parse_number("3件申请") is None


def test_full_width_and_kangxi_normalised():
    assert parse_number(normalize("１２")) == 12
    assert normalize("⼀、本年新收") == "一、本年新收"
    assert normalize("F新收政府 ⁶") == "F新收政府 "
    assert normalize("[bookmark: _GoBack]本报告") == "本报告"


def test_numbers_in_cell():
    assert numbers_in_cell("0 0 0") == [0, 0, 0]
    assert numbers_in_cell("95") == [95]
    assert numbers_in_cell("政府 6") is None
    assert numbers_in_cell("00 0") is None


def test_blank_marks():
    for cell in ("", " ", "—", "/", "无", "－", "-"):
        assert is_blank(cell)
    assert not is_blank("0")


def test_split_digit_runs():
    assert split_digit_runs(["0000000"], 7) == [(0,) * 7]
    assert split_digit_runs(["000"], 3) == [(0, 0, 0)]
    assert sorted(split_digit_runs(["230", "000023"], 7)) == sorted(
        [(23, 0, 0, 0, 0, 0, 23), (2, 30, 0, 0, 0, 0, 23), (230, 0, 0, 0, 0, 2, 3)])
    assert split_digit_runs(["23", "0", "00", "0", "023"], 7) == [(23, 0, 0, 0, 0, 0, 23)]
    assert len(split_digit_runs(["350"], 2)) == 2  # 3|50 or 35|0
    assert split_digit_runs(["2629"], 1) == [(2629,)]
    assert split_digit_runs(["5949.088667"], 1) == [(5949.088667,)]
    assert split_digit_runs(["1", "2", "3"], 2) == []  # runs never merge
    assert (135, 75394432.52) in split_digit_runs(["13575394432.52"], 2)


def test_digit_runs():
    assert digit_runs("政府信息公开申请数量230 000023二、上年") == ["230", "000023"]
    assert digit_runs("（七）总计23 0 00 0 023四、") == ["23", "0", "00", "0", "023"]
    assert digit_runs("行政事业性收费5949.088667三、") == ["5949.088667"]
