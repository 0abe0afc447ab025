"""Demo content shared by every app's demo loader: the OrgUnit tree and generated images. Original text only."""

import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from .models import Campaign, OrgUnit

CITY = ("yunxi", "云溪市计划生育协会", "云溪市")
COUNTIES = {
    ("qingxi", "青溪县计划生育协会", "青溪县"): [
        ("qingxi-baishui", "白水镇", ["桃源村", "石桥村"]),
        ("qingxi-huayuan", "花园镇", ["竹林村"]),
        ("qingxi-dongcheng", "东城街道", ["南门社区"]),
        ("qingxi-liushu", "柳树乡", ["溪口村"]),
    ],
    ("baishi", "白石县计划生育协会", "白石县"): [
        ("baishi-shanmen", "山门镇", ["青山村", "松林村"]),
        ("baishi-hekou", "河口镇", ["渡口村"]),
        ("baishi-xincheng", "新城街道", ["和平社区"]),
        ("baishi-meihua", "梅花乡", ["梅坞村"]),
    ],
    ("meiling", "梅岭区计划生育协会", "梅岭区"): [
        ("meiling-fenghuang", "凤凰街道", ["凤鸣社区"]),
        ("meiling-longtan", "龙潭镇", ["龙泉村", "潭头村"]),
        ("meiling-jinsha", "金沙镇", ["沙洲村"]),
        ("meiling-yangliu", "杨柳街道", ["春晖社区"]),
    ],
}


def get_or_add_unit(parent, code, name, short_name, level):
    unit = OrgUnit.objects.filter(code=code).first()
    if unit:
        return unit
    values = {"code": code, "name": name, "short_name": short_name, "level": level}
    return parent.add_child(**values) if parent else OrgUnit.add_root(**values)


def load_orgunits():
    """One city, three counties, twelve townships, some villages. Returns the city unit."""
    code, name, short = CITY
    city = get_or_add_unit(None, code, name, short, OrgUnit.Level.CITY)
    for (county_code, county_name, county_short), townships in COUNTIES.items():
        county = get_or_add_unit(city, county_code, county_name, county_short, OrgUnit.Level.COUNTY)
        for township_code, township_name, villages in townships:
            township = get_or_add_unit(
                county, township_code, f"{township_name}计划生育协会", township_name, OrgUnit.Level.TOWNSHIP
            )
            for number, village_name in enumerate(villages, start=1):
                get_or_add_unit(
                    township,
                    f"{township_code}-v{number}",
                    f"{village_name}计生协会",
                    village_name,
                    OrgUnit.Level.VILLAGE,
                )
    return city


def demo_image(title, *, size=(1200, 800)):
    """A generated picture (no downloads), saved once per title."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    digest = hashlib.sha1(title.encode()).digest()
    base = (120 + digest[0] % 100, 40 + digest[1] % 80, 40 + digest[2] % 60)
    picture = PILImage.new("RGB", size, base)
    draw = ImageDraw.Draw(picture)
    for step in range(0, size[0], 60):
        shade = tuple(min(255, channel + step // 12) for channel in base)
        draw.rectangle([step, size[1] * 2 // 3, step + 40, size[1]], fill=shade)
    draw.ellipse([size[0] // 3, size[1] // 5, size[0] * 2 // 3, size[1] * 3 // 5], fill=(250, 240, 220))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    filename = f"demo-{hashlib.sha1(title.encode()).hexdigest()[:10]}.png"
    return Image.objects.create(title=title, file=ImageFile(buffer, name=filename))


CAMPAIGNS = [
    (
        "5·29会员活动日",
        Campaign.Kind.DAY,
        5,
        29,
        "每年5月29日是中国计划生育协会成立纪念日，各级协会组织会员开展宣传服务活动。",
    ),
    ("7·11世界人口日", Campaign.Kind.DAY, 7, 11, "联合国确定的世界人口日，围绕人口与发展主题开展宣传。"),
    ("9·25公开信纪念日", Campaign.Kind.DAY, 9, 25, "纪念1980年9月25日发表的公开信，回顾计划生育工作历程。"),
    ("婚育新风进万家", Campaign.Kind.CAMPAIGN, None, None, "倡导科学、文明、进步的婚育观念，把新风尚送进千家万户。"),
    ("生育关怀行动", Campaign.Kind.ACTION, None, None, "为计划生育特殊家庭和困难家庭提供帮扶、慰问和关爱服务。"),
    ("新春走访慰问", Campaign.Kind.ACTION, None, None, "春节前后走访慰问困难家庭，送去慰问金和节日物品。"),
]


def load_campaigns():
    """The campaigns and days the demo pages point to, by name."""
    campaigns = {}
    for name, kind, month, day, description in CAMPAIGNS:
        campaigns[name], _created = Campaign.objects.get_or_create(
            name=name, defaults={"kind": kind, "month": month, "day": day, "description": description}
        )
    return campaigns


def get_or_publish_child(parent, page):
    """The child of `parent` with `page.slug` if there is one (idempotent demo loaders), else `page`, published."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def paragraphs(*texts):
    """A body StreamField value made of plain paragraphs."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]
