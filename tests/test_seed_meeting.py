"""The seed report end to end: one meeting with every field, three officials with their titles and roles."""

from __future__ import annotations

import datetime as dt

import govreport


def test_seed_meeting(seed_text: str) -> None:
    """The seed's headline and lead sentence give one meeting with every field."""
    report = govreport.parse(seed_text)
    assert len(report.meetings) == 1
    meeting = report.meetings[0]
    assert meeting.kind == "hội nghị"
    assert meeting.ordinal == 10
    assert meeting.body == "Ban Chấp hành Đảng bộ huyện Thạch Thất"
    assert meeting.term == 24
    assert meeting.tenure is not None
    assert (meeting.tenure.start, meeting.tenure.end) == (2020, 2025)
    assert meeting.expanded is True
    assert meeting.date == dt.date(2022, 6, 21)
    assert meeting.part_of_day == "morning"
    assert meeting.purpose is not None
    assert meeting.purpose.startswith("thảo luận, đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế")
    assert meeting.purpose.endswith("hướng dẫn đại hội chi bộ trực thuộc Đảng bộ cơ sở nhiệm kỳ 2022- 2025")
    assert meeting.location is None
    assert meeting.chair == []
    assert report.text[meeting.span.start:meeting.span.end] == meeting.span.text


def test_seed_officials(seed_text: str) -> None:
    """Three officials, exactly their titles and roles; the two Hồng stay two people."""
    report = govreport.parse(seed_text)
    got = [(o.name, o.honorific, [t.text for t in o.titles], o.roles) for o in report.officials]
    assert got == [
        ("Trần Đình Cảnh", "đồng chí", ["Thành ủy viên", "Bí thư Huyện ủy"],
         ["attended", "concluded", "directed"]),
        ("Nguyễn Minh Hồng", "đồng chí", ["Phó Bí thư Thường trực Huyện ủy", "Chủ tịch HĐND huyện"],
         ["attended"]),
        ("Nguyễn Mạnh Hồng", "đồng chí", ["Phó Bí thư Huyện ủy", "Chủ tịch UBND huyện"], ["attended"]),
    ]
    titles = {t.text: t for o in report.officials for t in o.titles}
    council = titles["Chủ tịch HĐND huyện"]
    assert (council.role, council.organization, council.organization_expanded) == (
        "Chủ tịch", "HĐND huyện", "Hội đồng nhân dân huyện")
    assert titles["Thành ủy viên"].organization is None
    assert len(report.officials[0].mentions) == 3  # the list, the photo caption, the conclusion
    for official in report.officials:
        for span in official.mentions:
            assert report.text[span.start:span.end] == span.text == official.name
