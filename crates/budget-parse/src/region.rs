//! The issuing government a department's name or a cover prints before it:
//! `上海市`, `武昌区`, `上海市黄浦区`, `江苏省`, from `上海市普陀区司法局`,
//! `中共深圳市委宣传部`, `武昌区人民政府办公室`.
//!
//! Read from the name alone, never from a file path: a province
//! (`江苏省`, `广西壮族自治区`), then a city (`深圳市`, `恩施土家族苗族自治州`),
//! then a district or county (`黄浦区`, `浦东新区`, `长沙县`), each where the
//! name prints it. A city's name before `市` is two characters, or one of
//! the longer names of [`LONG_CITIES`]; so `北京城市副中心…` names no city.
//! A district is two or three characters before `区`/`县`/`旗` (or two
//! before `新区`), and not a word that only looks like one (`社区`,
//! `工业园区`, `开发区`).

/// Prefixes of a party or league organ before the place (`中共深圳市委宣传部`).
const ORGAN_PREFIXES: [&str; 3] = ["中国共产党", "中共", "共青团"];

/// Cities whose name before `市` has more than two characters.
const LONG_CITIES: [&str; 36] = [
    "石家庄",
    "张家口",
    "秦皇岛",
    "呼和浩特",
    "乌兰察布",
    "鄂尔多斯",
    "巴彦淖尔",
    "呼伦贝尔",
    "齐齐哈尔",
    "佳木斯",
    "牡丹江",
    "双鸭山",
    "七台河",
    "哈尔滨",
    "连云港",
    "马鞍山",
    "景德镇",
    "平顶山",
    "驻马店",
    "三门峡",
    "张家界",
    "防城港",
    "乌鲁木齐",
    "克拉玛依",
    "吐鲁番",
    "石嘴山",
    "嘉峪关",
    "日喀则",
    "葫芦岛",
    "攀枝花",
    "六盘水",
    "满洲里",
    "二连浩特",
    "石河子",
    "五家渠",
    "霍尔果斯",
];

/// Words ending in `区` that name no district.
const NOT_DISTRICTS: [&str; 22] = [
    "社区",
    "园区",
    "景区",
    "城区",
    "市区",
    "地区",
    "校区",
    "辖区",
    "片区",
    "街区",
    "山区",
    "郊区",
    "矿区",
    "林区",
    "库区",
    "老区",
    "灾区",
    "开发区",
    "保护区",
    "示范区",
    "试验区",
    "高新区",
];

/// The government `name` opens with, as printed; `None` when it opens with
/// none (`国家信访局`, `北京城市副中心工程建设管理办公室`).
pub(crate) fn region_of(name: &str) -> Option<String> {
    let mut rest = name.trim();
    for p in ORGAN_PREFIXES {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r;
            break;
        }
    }
    let mut region = String::new();
    for part in [province, city, district] {
        if let Some(n) = part(rest) {
            region.push_str(&rest[..n]);
            rest = &rest[n..];
        }
    }
    (!region.is_empty()).then_some(region)
}

/// The first `n` characters of `s`, and what follows them.
fn split_chars(s: &str, n: usize) -> Option<(&str, &str)> {
    let at = s.char_indices().nth(n).map(|(i, _)| i)?;
    Some(s.split_at(at))
}

/// True when `s` is all Han characters.
fn han(s: &str) -> bool {
    s.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Byte length of a leading `name` of `min..=max` Han characters followed
/// by one of `endings`, where `accept(name, ending)` holds.
fn leading(s: &str, min: usize, max: usize, endings: &[&str], accept: impl Fn(&str, &str) -> bool) -> Option<usize> {
    (min..=max).find_map(|n| {
        let (name, after) = split_chars(s, n)?;
        let ending = endings.iter().find(|e| after.starts_with(**e))?;
        (han(name) && accept(name, ending)).then(|| name.len() + ending.len())
    })
}

/// `江苏省`, `黑龙江省`, `广西壮族自治区`.
fn province(s: &str) -> Option<usize> {
    leading(s, 2, 3, &["省"], |_, _| true).or_else(|| leading(s, 2, 6, &["自治区"], |_, _| true))
}

/// `深圳市`, `石家庄市`, `恩施土家族苗族自治州`; not `北京城市`.
fn city(s: &str) -> Option<usize> {
    leading(s, 2, 4, &["市"], |name, _| name.chars().count() == 2 || LONG_CITIES.contains(&name))
        .or_else(|| leading(s, 2, 10, &["自治州"], |_, _| true))
}

/// `黄浦区`, `浦东新区`, `长沙县`; not `社区`, `工业园区`.
fn district(s: &str) -> Option<usize> {
    leading(s, 2, 3, &["新区", "区", "县", "旗"], |name, ending| {
        let word = format!("{name}{ending}");
        let generic = NOT_DISTRICTS.iter().any(|w| word.ends_with(w));
        !generic && (ending != "新区" || name.chars().count() == 2)
    })
}

#[cfg(test)]
mod tests {
    use super::region_of;

    #[test]
    fn the_government_a_name_opens_with() {
        let cases = [
            ("上海市普陀区司法局", "上海市普陀区"),
            ("上海市", "上海市"),
            ("武昌区人民政府办公室", "武昌区"),
            ("中共深圳市委宣传部", "深圳市"),
            ("中国共产党北京市委员会宣传部", "北京市"),
            ("中共江苏省委办公厅", "江苏省"),
            ("江苏省人大常委会办公厅", "江苏省"),
            ("深圳市市场监督管理局深汕监管局", "深圳市"),
            ("深圳市规划和自然资源局宝安管理局", "深圳市"),
            ("上海市浦东新区财政局", "上海市浦东新区"),
            ("石家庄市财政局", "石家庄市"),
            ("广西壮族自治区财政厅", "广西壮族自治区"),
            ("湖北省恩施土家族苗族自治州财政局", "湖北省恩施土家族苗族自治州"),
            ("长沙县教育局", "长沙县"),
            ("深圳市大鹏新区管理委员会", "深圳市大鹏新区"),
        ];
        for (name, region) in cases {
            assert_eq!(region_of(name).as_deref(), Some(region), "{name}");
        }
    }

    #[test]
    fn names_that_open_with_no_government() {
        for name in [
            "国家信访局",
            "北京城市副中心工程建设管理办公室",
            "首都绿化委员会办公室",
            "上海交通职业技术学院",
            "社区服务中心",
            "开发区管理委员会",
            "",
        ] {
            assert_eq!(region_of(name), None, "{name}");
        }
        // A word ending in 区 after the city is no district.
        assert_eq!(region_of("苏州市工业园区管理委员会").as_deref(), Some("苏州市"));
        assert_eq!(region_of("上海市社区服务中心").as_deref(), Some("上海市"));
    }
}
